import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { ref } from '../src/db/migration-helpers';

/**
 * Each member's participation points, kept between requests (issue 20, src/participation/stored.ts):
 * the dashboard's member table reads them instead of scoring every member from the activity log.
 * A row is a cache, never the truth: `earned` is NULL while the member's points are to be computed
 * again (an activity or an adjustment that may change them bumps `version`), and `rules_key` names
 * the rules it was computed under. The table starts empty: points are computed on first need.
 *
 * Also, on SQLite, an index on the activity log by member, so one member's points are computed
 * from their own rows rather than from a scan of the community's log. MariaDB has one already:
 * the index of the foreign key to memberships.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  const key = { primaryKey: true, allowNull: false };
  await qi.createTable('participation_points', {
    community_id: { ...ref('communities', { onDelete: 'CASCADE' }), ...key },
    membership_id: { ...ref('memberships', { onDelete: 'CASCADE' }), ...key },
    earned: { type: DataTypes.DOUBLE, allowNull: true },
    rules_key: { type: DataTypes.STRING(64), allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('participation_points', ['membership_id'], { name: 'participation_points_membership_ix' });
  if (sequelize.getDialect() === 'sqlite') await qi.addIndex('activities', ['membership_id', 'verb'], { name: 'activities_membership_verb_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  if (sequelize.getDialect() === 'sqlite') await qi.removeIndex('activities', 'activities_membership_verb_ix');
  await qi.dropTable('participation_points');
};
