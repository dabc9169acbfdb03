import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Users (one person on one platform), communities, cohorts (a community's link to one LMS course) and memberships. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('users', {
    id,
    platform_id: ref('platforms', { onDelete: 'RESTRICT' }),
    sub: { type: DataTypes.STRING(255), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: true },
    given_name: { type: DataTypes.STRING(255), allowNull: true },
    family_name: { type: DataTypes.STRING(255), allowNull: true },
    email: { type: DataTypes.STRING(320), allowNull: true },
    picture: { type: DataTypes.STRING(1024), allowNull: true },
    locale: { type: DataTypes.STRING(16), allowNull: true },
    last_launch_at: { type: DataTypes.DATE, allowNull: true },
    erased_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('users', ['platform_id', 'sub'], { unique: true, name: 'users_platform_sub_uq' });

  await qi.createTable('communities', {
    id,
    title: { type: DataTypes.STRING(200), allowNull: false },
    purpose: { type: DataTypes.TEXT, allowNull: false },
    invite_code: { type: DataTypes.STRING(32), allowNull: false },
    settings: { type: DataTypes.TEXT, allowNull: false },
    created_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    ...timestamps,
  });
  await qi.addIndex('communities', ['invite_code'], { unique: true, name: 'communities_invite_code_uq' });

  await qi.createTable('cohorts', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    platform_id: ref('platforms', { onDelete: 'RESTRICT' }),
    deployment_id: ref('deployments', { onDelete: 'RESTRICT' }),
    context_id: { type: DataTypes.STRING(255), allowNull: false },
    context_title: { type: DataTypes.STRING(255), allowNull: true },
    context_label: { type: DataTypes.STRING(255), allowNull: true },
    nrps_url: { type: DataTypes.STRING(1024), allowNull: true },
    ags_lineitems_url: { type: DataTypes.STRING(1024), allowNull: true },
    ags_lineitem_url: { type: DataTypes.STRING(1024), allowNull: true },
    ags_scopes: { type: DataTypes.TEXT, allowNull: true },
    roster_synced_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('cohorts', ['platform_id', 'deployment_id', 'context_id'], { unique: true, name: 'cohorts_context_uq' });
  await qi.addIndex('cohorts', ['community_id'], { name: 'cohorts_community_ix' });

  await qi.createTable('memberships', {
    id,
    user_id: ref('users', { onDelete: 'CASCADE' }),
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    cohort_id: ref('cohorts', { onDelete: 'RESTRICT' }),
    role: { type: DataTypes.STRING(16), allowNull: false },
    // A facilitator may raise a member inside the community; launches then keep the higher role.
    role_override: { type: DataTypes.STRING(16), allowNull: true },
    lti_roles: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    source: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'launch' },
    last_launch_at: { type: DataTypes.DATE, allowNull: true },
    last_visit_at: { type: DataTypes.DATE, allowNull: true },
    previous_visit_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('memberships', ['user_id', 'community_id'], { unique: true, name: 'memberships_user_community_uq' });
  await qi.addIndex('memberships', ['community_id', 'status'], { name: 'memberships_community_status_ix' });
  await qi.addIndex('memberships', ['cohort_id'], { name: 'memberships_cohort_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('memberships');
  await qi.dropTable('cohorts');
  await qi.dropTable('communities');
  await qi.dropTable('users');
};
