import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, ref } from '../src/db/migration-helpers';
import { retryTransaction } from '../src/db/retry';
import { rebuildDaily } from '../src/analytics/daily';

/**
 * Daily roll-ups of the activity log per community × membership × day × verb × kind (issue 20,
 * src/analytics/daily.ts): the dashboard sums days instead of scanning the log. The day is the
 * community's (its time zone). Built here from the existing log, in batches; kept up to date by
 * an activity listener afterwards.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.createTable('activity_daily', {
    id: bigId,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    // A deleted membership leaves its log rows without a member (SET NULL): they no longer count, so its roll-ups go.
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    day: { type: DataTypes.DATEONLY, allowNull: false },
    verb: { type: DataTypes.STRING(64), allowNull: false },
    // The kind of contribution (src/analytics/kinds.ts); '' for a verb rolled up but not a contribution (profile.update).
    kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: '' },
    count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // Contributions a rise-above note links (knowledge-building depth).
    links: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    first_at: { type: DataTypes.DATE, allowNull: false },
    last_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('activity_daily', ['community_id', 'membership_id', 'day', 'verb', 'kind'], { unique: true, name: 'activity_daily_key_uq' });
  await qi.addIndex('activity_daily', ['community_id', 'day'], { name: 'activity_daily_community_day_ix' });
  await retryTransaction(sequelize, (t) => rebuildDaily(sequelize, null, t));
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('activity_daily');
};
