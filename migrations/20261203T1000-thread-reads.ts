import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/** Where each member stopped reading each thread: unread markers and "continue where you left off". */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('thread_reads', {
    id,
    thread_id: ref('threads', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    last_read_post_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('thread_reads', ['user_id', 'thread_id'], { unique: true, name: 'thread_reads_user_thread_uq' });
  await qi.addIndex('thread_reads', ['thread_id'], { name: 'thread_reads_thread_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('thread_reads');
};
