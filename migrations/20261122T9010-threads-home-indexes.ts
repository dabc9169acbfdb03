import type { Migration } from '../src/db/migrator';

/**
 * Threads as the community home reads them (bench/RESULTS.md): the latest conversations
 * (`ORDER BY last_post_at DESC LIMIT 8`, several kinds: threads_list_ix has kind and pinned first,
 * so both engines sorted every thread of the community) and those waiting for a first answer
 * (`reply_count = 0 ORDER BY created_at DESC LIMIT 5`). With these, each reads a handful of index
 * entries whatever the community's size. The followed-threads query uses the first one too.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('threads', ['community_id', 'last_post_at'], { name: 'threads_recent_ix' });
  await qi.addIndex('threads', ['community_id', 'reply_count', 'created_at'], { name: 'threads_unanswered_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('threads', 'threads_unanswered_ix');
  await qi.removeIndex('threads', 'threads_recent_ix');
};
