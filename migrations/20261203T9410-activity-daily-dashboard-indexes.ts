import type { Migration } from '../src/db/migrator';

/**
 * Indexes for the dashboard's reads of the daily roll-ups (src/analytics/load.ts), measured at
 * 5,000 members and 176,000 roll-up rows on SQLite (issue 20, bench/RESULTS.md):
 * - each member's first contribution and first profile update (`firstsFromDaily`: the earliest
 *   `first_at` per member and kind before a day), read in that order instead of sorting the
 *   community's whole history of roll-ups: 243 → 31 ms;
 * - SQLite only: a window's sums (`tallyFromDaily`) from an index that holds every column they
 *   read, instead of a lookup of each row: 129 + 37 + 29 → 17 + 5 + 17 ms. InnoDB keeps the rows
 *   in the order of the primary key (community, day, …) already.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.addIndex('activity_daily', ['community_id', 'membership_id', 'kind', 'day', 'first_at'], { name: 'activity_daily_firsts_ix' });
  if (sequelize.getDialect() === 'sqlite') {
    await qi.addIndex('activity_daily', ['community_id', 'day', 'kind', 'membership_id', 'verb', 'count', 'links', 'last_at'], { name: 'activity_daily_window_ix' });
  }
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  if (sequelize.getDialect() === 'sqlite') await qi.removeIndex('activity_daily', 'activity_daily_window_ix');
  await qi.removeIndex('activity_daily', 'activity_daily_firsts_ix');
};
