import { DataTypes, QueryTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { ref } from '../src/db/migration-helpers';

/**
 * Each member's first activity of each kind rolled up (issue 20, src/analytics/daily.ts): the
 * earliest instant and its day in the community's zone, per community × membership × kind (''
 * for a profile update). The dashboard reads every member's first contribution and first profile
 * update from it, one row per member and kind, instead of grouping the whole history of roll-ups
 * (at 5,000 members: 176,000 roll-up rows). Kept with the roll-ups, in the same statement batch;
 * built here from them.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  const key = { primaryKey: true, allowNull: false };
  await qi.createTable('activity_firsts', {
    community_id: { ...ref('communities', { onDelete: 'CASCADE' }), ...key },
    membership_id: { ...ref('memberships', { onDelete: 'CASCADE' }), ...key },
    kind: { type: DataTypes.STRING(16), defaultValue: '', ...key },
    day: { type: DataTypes.DATEONLY, allowNull: false },
    first_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('activity_firsts', ['membership_id'], { name: 'activity_firsts_membership_ix' });
  await sequelize.query(
    'INSERT INTO activity_firsts (community_id, membership_id, kind, day, first_at) SELECT community_id, membership_id, kind, MIN(day), MIN(first_at) FROM activity_daily GROUP BY community_id, membership_id, kind',
    { type: QueryTypes.INSERT },
  );
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('activity_firsts');
};
