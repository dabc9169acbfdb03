import type { Migration } from '../src/db/migrator';

/**
 * SQLite only: a window's sums over the daily roll-ups (src/analytics/load.ts `tallyFromDaily`)
 * read from an index that holds every column they read, instead of a lookup of each row: at 5,000
 * members and 176,000 roll-up rows, 129 + 37 + 29 → 17 + 5 + 17 ms (issue 20, bench/RESULTS.md).
 * InnoDB keeps the rows in the order of the primary key (community, day, …) already.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  if (sequelize.getDialect() !== 'sqlite') return;
  await qi.addIndex('activity_daily', ['community_id', 'day', 'kind', 'membership_id', 'verb', 'count', 'links', 'last_at'], { name: 'activity_daily_window_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  if (sequelize.getDialect() !== 'sqlite') return;
  await qi.removeIndex('activity_daily', 'activity_daily_window_ix');
};
