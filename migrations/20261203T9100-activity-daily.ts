import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { ref } from '../src/db/migration-helpers';
import { retryTransaction } from '../src/db/retry';
import { rebuildDaily } from '../src/analytics/daily';

/**
 * Daily roll-ups of the activity log per community × membership × day × verb × kind (issue 20,
 * src/analytics/daily.ts): the dashboard sums days instead of scanning the log. The day is the
 * community's (its time zone). Built here from the existing log, in batches; kept up to date by
 * an activity listener afterwards.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  // The key is the primary key, in the order a period is read (community, then days): InnoDB keeps
  // a community's days together, so a period's sums read neighbouring rows, not one lookup per row.
  const key = { primaryKey: true, allowNull: false };
  await qi.createTable('activity_daily', {
    community_id: { ...ref('communities', { onDelete: 'CASCADE' }), ...key },
    day: { type: DataTypes.DATEONLY, ...key },
    // A deleted membership leaves its log rows without a member (SET NULL): they no longer count, so its roll-ups go.
    membership_id: { ...ref('memberships', { onDelete: 'CASCADE' }), ...key },
    verb: { type: DataTypes.STRING(64), ...key },
    // The kind of contribution (src/analytics/kinds.ts); '' for a verb rolled up but not a contribution (profile.update).
    kind: { type: DataTypes.STRING(16), defaultValue: '', ...key },
    count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // Contributions a rise-above note links (knowledge-building depth).
    links: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    first_at: { type: DataTypes.DATE, allowNull: false },
    last_at: { type: DataTypes.DATE, allowNull: false },
  });
  // Erasure and membership deletion find a member's rows.
  await qi.addIndex('activity_daily', ['membership_id'], { name: 'activity_daily_membership_ix' });
  // The roll-ups only: activity_firsts comes with a later migration (20261203T9430), which fills it from them.
  await retryTransaction(sequelize, (t) => rebuildDaily(sequelize, null, t, { firsts: false }));
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('activity_daily');
};
