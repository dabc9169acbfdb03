import type { Migration } from '../src/db/migrator';
import { ref } from '../src/db/migration-helpers';

/** Each community's introductions thread (newcomers introduce themselves there); unique: created once. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('community_introductions', {
    community_id: { ...ref('communities', { onDelete: 'CASCADE' }), primaryKey: true },
    thread_id: ref('threads', { onDelete: 'CASCADE' }),
  });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('community_introductions');
};
