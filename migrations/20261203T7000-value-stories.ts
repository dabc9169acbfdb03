import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Value stories: a member tells how a contribution (a post or a resource) helped them, tagged
 * with the value cycle it shows (applied, realized, reframing — Wenger, Trayner & de Laat 2011),
 * optionally with evidence (a figure, a file). A deleted story keeps its row (deleted_at).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('value_stories', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    author_id: ref('users', { onDelete: 'CASCADE' }),
    // post | resource
    subject_type: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    // applied | realized | reframing
    cycle: { type: DataTypes.STRING(16), allowNull: false },
    body_md: { type: DataTypes.TEXT, allowNull: false },
    body_html: { type: DataTypes.TEXT, allowNull: false },
    evidence: { type: DataTypes.STRING(200), allowNull: true },
    // An evidence file, stored like a resource's (src/resources/storage.ts): our key, its download name and type.
    evidence_file_key: { type: DataTypes.STRING(64), allowNull: true },
    evidence_file_name: { type: DataTypes.STRING(255), allowNull: true },
    evidence_file_type: { type: DataTypes.STRING(128), allowNull: true },
    evidence_file_size: { type: DataTypes.INTEGER, allowNull: true },
    deleted_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('value_stories', ['community_id', 'created_at'], { name: 'value_stories_community_ix' });
  await qi.addIndex('value_stories', ['subject_type', 'subject_id'], { name: 'value_stories_subject_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('value_stories');
};
