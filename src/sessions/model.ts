import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';
import type { CommunityRole } from '../kernel/roles';

/** What a session remembers of its launch (never the id_token itself). */
export interface LaunchInfo {
  lang: 'fr' | 'en';
  role: CommunityRole;
  institutionAdmin: boolean;
  ltiRoles: string[];
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  deploymentRowId: number;
  contextId: string;
  contextTitle?: string;
  contextLabel?: string;
  /** Courses this one was copied from (LMS `$Context.id.history`), most recent first. */
  contextHistory?: string[];
  resourceLinkId?: string;
  nrpsUrl?: string;
  ags?: { scope: string[]; lineitems?: string; lineitem?: string };
  returnUrl?: string;
  deepLinking?: Record<string, unknown>;
  productFamily?: string;
  /** The user's zone as the platform sent it: the default offered at community setup. */
  timeZone?: string;
}

/** A session after a launch: bounded by an idle and an absolute expiry (ltijs's ltik never expires). */
export class Session extends Model {
  declare id: string;
  declare userId: number;
  declare platformId: number;
  declare cohortId: number | null;
  declare launch: LaunchInfo;
  /** 'cookie' or 'tab' once the launch page has checked which one the browser keeps. */
  declare carrier: 'cookie' | 'tab' | null;
  declare createdAt: Date;
  declare lastSeenAt: Date;
  declare expiresAt: Date;
}

export function initSessionModels(sequelize: Sequelize): void {
  Session.init(
    {
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      platformId: { type: DataTypes.INTEGER, allowNull: false },
      cohortId: DataTypes.INTEGER,
      launch: jsonText('launch', {} as LaunchInfo),
      carrier: DataTypes.STRING(16),
      lastSeenAt: { type: DataTypes.DATE, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: 'sessions', underscored: true, updatedAt: false },
  );
}
