import { DataTypes, Model, Op, QueryTypes, type Sequelize } from 'sequelize';
import { User, displayName } from '../users/model';

export type AccessKind = 'analytics.member' | 'analytics.members' | 'analytics.export' | 'participation.member' | 'pd.report';

/** One view of members' personal data by a facilitator or an institution administrator. */
export class AccessLog extends Model {
  declare id: number;
  declare communityId: number | null;
  declare viewerUserId: number | null;
  declare subjectMembershipId: number | null;
  declare what: AccessKind;
  declare createdAt: Date;
}

export function initAccessLogModel(sequelize: Sequelize): void {
  AccessLog.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      communityId: DataTypes.INTEGER,
      viewerUserId: DataTypes.INTEGER,
      subjectMembershipId: DataTypes.INTEGER,
      what: { type: DataTypes.STRING(32), allowNull: false },
    },
    { sequelize, tableName: 'privacy_access_log', underscored: true, updatedAt: false },
  );
}

/**
 * Record that someone opened members' personal data: one member's page (`subject`), or a table
 * of every member (`subject` null; `communityId` null for an institution report).
 */
export async function logAccess(entry: { communityId: number | null; viewerUserId: number; subjectMembershipId?: number | null; what: AccessKind }): Promise<void> {
  await AccessLog.create({ communityId: entry.communityId, viewerUserId: entry.viewerUserId, subjectMembershipId: entry.subjectMembershipId ?? null, what: entry.what });
}

export interface AccessSeen {
  at: Date;
  who: string;
  what: AccessKind;
  communityId: number | null;
}

/**
 * Who viewed a person's data: their own pages, tables of a community they belong to (since they
 * joined), and institution reports of their platform. Newest first, at most `limit`.
 */
export async function accessesTo(sequelize: Sequelize, user: Pick<User, 'id' | 'platformId'>, limit = 50): Promise<AccessSeen[]> {
  const rows = await sequelize.query<{ created_at: string | Date; viewer_user_id: number | null; what: AccessKind; community_id: number | null }>(
    `SELECT l.created_at, l.viewer_user_id, l.what, l.community_id FROM privacy_access_log l
      WHERE l.viewer_user_id <> :me AND (
        l.subject_membership_id IN (SELECT id FROM memberships WHERE user_id = :me)
        OR (l.subject_membership_id IS NULL AND l.community_id IN (SELECT community_id FROM memberships m WHERE m.user_id = :me AND m.created_at <= l.created_at))
        OR (l.community_id IS NULL AND l.viewer_user_id IN (SELECT id FROM users WHERE platform_id = :platform)))
      ORDER BY l.created_at DESC, l.id DESC LIMIT ${Number(limit)}`,
    { replacements: { me: user.id, platform: user.platformId }, type: QueryTypes.SELECT },
  );
  const viewers = await User.findAll({ where: { id: { [Op.in]: rows.map((r) => r.viewer_user_id).filter((id): id is number => id !== null) } } });
  const names = new Map(viewers.map((v) => [v.id, displayName(v)]));
  return rows.map((r) => ({ at: new Date(r.created_at), who: (r.viewer_user_id && names.get(r.viewer_user_id)) || '—', what: r.what, communityId: r.community_id }));
}
