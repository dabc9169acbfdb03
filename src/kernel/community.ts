import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';
import { User } from '../users/model';
import { Platform, Deployment } from './platform';
import type { CommunityRole } from './roles';

export type MembershipStatus = 'active' | 'invited' | 'inactive' | 'removed';
export type MembershipSource = 'launch' | 'roster';

/** A community of practice: purpose, settings and the invitation code other courses join with. */
export class Community extends Model {
  declare id: number;
  declare title: string;
  declare purpose: string;
  declare inviteCode: string;
  declare settings: Record<string, unknown>;
  /** The community's time zone (IANA), chosen at setup; null: the default (src/content/zone.ts). */
  declare timeZone: string | null;
  declare createdBy: number | null;
  declare createdAt: Date;
}

/** A community's link to one LMS course (platform, deployment, context), with the service URLs saved at launch. */
export class Cohort extends Model {
  declare id: number;
  declare communityId: number;
  declare platformId: number;
  declare deploymentId: number;
  declare contextId: string;
  declare contextTitle: string | null;
  declare contextLabel: string | null;
  declare nrpsUrl: string | null;
  declare agsLineitemsUrl: string | null;
  declare agsLineitemUrl: string | null;
  declare agsScopes: string[];
  declare rosterSyncedAt: Date | null;
  declare lmsReturnUrl: string | null;
  declare community?: Community;
  declare platform?: Platform;
}

/** A user's place in a community: the actor of every authorization decision. */
export class Membership extends Model {
  declare id: number;
  declare userId: number;
  declare communityId: number;
  declare cohortId: number;
  declare role: CommunityRole;
  declare roleOverride: CommunityRole | null;
  declare ltiRoles: string[];
  declare status: MembershipStatus;
  declare source: MembershipSource;
  declare lastLaunchAt: Date | null;
  declare lastVisitAt: Date | null;
  declare previousVisitAt: Date | null;
  /** Where the next launch lands (a link opened outside the LMS), and when it was asked. */
  declare resumePath: string | null;
  declare resumeSetAt: Date | null;
  declare createdAt: Date;
  declare user?: User;
  declare community?: Community;
  declare cohort?: Cohort;
}

export function initCommunityModels(sequelize: Sequelize): void {
  Community.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: DataTypes.STRING(200), allowNull: false },
      purpose: { type: DataTypes.TEXT, allowNull: false },
      inviteCode: { type: DataTypes.STRING(32), allowNull: false },
      settings: jsonText('settings', {}),
      timeZone: { type: DataTypes.STRING(64), allowNull: true },
      createdBy: DataTypes.INTEGER,
    },
    { sequelize, tableName: 'communities', underscored: true },
  );
  Cohort.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      platformId: { type: DataTypes.INTEGER, allowNull: false },
      deploymentId: { type: DataTypes.INTEGER, allowNull: false },
      contextId: { type: DataTypes.STRING(255), allowNull: false },
      contextTitle: DataTypes.STRING(255),
      contextLabel: DataTypes.STRING(255),
      nrpsUrl: DataTypes.STRING(1024),
      agsLineitemsUrl: DataTypes.STRING(1024),
      agsLineitemUrl: DataTypes.STRING(1024),
      agsScopes: { ...jsonText('agsScopes', [] as string[]), allowNull: true, field: 'ags_scopes' },
      rosterSyncedAt: DataTypes.DATE,
      lmsReturnUrl: DataTypes.STRING(1024),
    },
    { sequelize, tableName: 'cohorts', underscored: true },
  );
  Membership.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      roleOverride: DataTypes.STRING(16),
      ltiRoles: jsonText('ltiRoles', [] as string[]),
      status: { type: DataTypes.STRING(16), allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      lastLaunchAt: DataTypes.DATE,
      lastVisitAt: DataTypes.DATE,
      previousVisitAt: DataTypes.DATE,
      resumePath: DataTypes.STRING(500),
      resumeSetAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'memberships', underscored: true },
  );
  Cohort.belongsTo(Community, { foreignKey: 'communityId', as: 'community' });
  Cohort.belongsTo(Platform, { foreignKey: 'platformId', as: 'platform' });
  Cohort.belongsTo(Deployment, { foreignKey: 'deploymentId', as: 'deployment' });
  Community.hasMany(Cohort, { foreignKey: 'communityId', as: 'cohorts' });
  Membership.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  Membership.belongsTo(Community, { foreignKey: 'communityId', as: 'community' });
  Membership.belongsTo(Cohort, { foreignKey: 'cohortId', as: 'cohort' });
  Community.hasMany(Membership, { foreignKey: 'communityId', as: 'memberships' });
}

/** The role a membership acts with: a facilitator's promotion wins over the LMS role. */
export function effectiveRole(m: Pick<Membership, 'role' | 'roleOverride'>): CommunityRole {
  return m.roleOverride ?? m.role;
}
