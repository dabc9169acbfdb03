import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, ref } from '../src/db/migration-helpers';

/**
 * Facilitators' and administrators' views of members' personal data (a member's analytics page, a
 * member table exported, a PD report), shown to the members concerned on "My data".
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('privacy_access_log', {
    id: bigId,
    // null: an institution report, across communities
    community_id: ref('communities', { allowNull: true, onDelete: 'CASCADE' }),
    viewer_user_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    // null: a table about every member of the community (or of the institution)
    subject_membership_id: ref('memberships', { allowNull: true, onDelete: 'CASCADE' }),
    what: { type: DataTypes.STRING(32), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('privacy_access_log', ['subject_membership_id', 'created_at'], { name: 'privacy_access_subject_ix' });
  await qi.addIndex('privacy_access_log', ['community_id', 'created_at'], { name: 'privacy_access_community_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('privacy_access_log');
};
