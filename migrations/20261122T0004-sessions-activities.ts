import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, ref } from '../src/db/migration-helpers';

/** Sessions after a launch (bounded: idle and absolute expiry) and the append-only activity log. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('sessions', {
    // sha256 of the session token: a leaked database does not leak live sessions.
    id: { type: DataTypes.CHAR(64), primaryKey: true },
    user_id: ref('users', { onDelete: 'CASCADE' }),
    platform_id: ref('platforms', { onDelete: 'CASCADE' }),
    cohort_id: ref('cohorts', { allowNull: true, onDelete: 'CASCADE' }),
    launch: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    last_seen_at: { type: DataTypes.DATE, allowNull: false },
    expires_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('sessions', ['expires_at'], { name: 'sessions_expires_ix' });

  await qi.createTable('activities', {
    id: bigId,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    user_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    membership_id: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    verb: { type: DataTypes.STRING(64), allowNull: false },
    subject_type: { type: DataTypes.STRING(32), allowNull: true },
    subject_id: { type: DataTypes.INTEGER, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('activities', ['community_id', 'created_at'], { name: 'activities_community_time_ix' });
  await qi.addIndex('activities', ['user_id', 'created_at'], { name: 'activities_user_time_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('activities');
  await qi.dropTable('sessions');
};
