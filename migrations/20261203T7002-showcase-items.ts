import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * What a facilitator proposes for the public showcase, with its author's consent (named,
 * anonymous or declined, and when) and its publication state. One row per contribution.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('showcase_items', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    // resource | rise_above | problem | story
    subject_type: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    author_id: ref('users', { onDelete: 'CASCADE' }),
    proposed_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    // named | anonymous | declined (null: not answered yet)
    consent: { type: DataTypes.STRING(16), allowNull: true },
    consent_at: { type: DataTypes.DATE, allowNull: true },
    // proposed | published | unpublished
    status: { type: DataTypes.STRING(16), allowNull: false },
    published_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('showcase_items', ['community_id', 'subject_type', 'subject_id'], { name: 'showcase_items_subject_uq', unique: true });
  await qi.addIndex('showcase_items', ['community_id', 'status'], { name: 'showcase_items_status_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('showcase_items');
};
