import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/** The moderation audit trail (pin, lock, move, hide, restore… with a reason). Append-only. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('moderation_actions', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    actor_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    action: { type: DataTypes.STRING(32), allowNull: false },
    subject_type: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.STRING(1000), allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('moderation_actions', ['community_id', 'created_at'], { name: 'moderation_community_time_ix' });
  await qi.addIndex('moderation_actions', ['subject_type', 'subject_id'], { name: 'moderation_subject_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('moderation_actions');
};
