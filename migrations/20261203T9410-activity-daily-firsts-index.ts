import type { Migration } from '../src/db/migrator';

/**
 * Each member's first contribution and first profile update, as the dashboard reads them from the
 * daily roll-ups (src/analytics/load.ts `firstsFromDaily`: the earliest `first_at` per member and
 * kind before a day), from an index in that order instead of sorting the community's whole
 * history of roll-ups: at 5,000 members and 176,000 roll-up rows, 243 → 31 ms on SQLite (issue 20,
 * bench/RESULTS.md).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addIndex('activity_daily', ['community_id', 'membership_id', 'kind', 'day', 'first_at'], { name: 'activity_daily_firsts_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeIndex('activity_daily', 'activity_daily_firsts_ix');
};
