import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/**
 * A facilitator's "done" or "snooze" on one entry of their to-do (src/facilitation/todo.ts):
 * the entry's key, and until when it stays out of sight (null: done for good).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('todo_snoozes', {
    id,
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    item_key: { type: DataTypes.STRING(64), allowNull: false },
    until: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('todo_snoozes', ['membership_id', 'item_key'], { name: 'todo_snoozes_member_key_uq', unique: true });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('todo_snoozes');
};
