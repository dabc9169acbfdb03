/**
 * What every community page needs about its member, in one plain statement: the active
 * membership and its community, the member's time zone, the bell's unread count and where the
 * member stands with the charter (the banner). Sequelize used to spend a statement on each,
 * with its query building and result objects (bench/RESULTS.md). Once the process knows the
 * community, the same statement reads its version for the community-wide caches of the page
 * (web/community-cache.ts), which then need no statement of their own.
 */
import { QueryTypes } from 'sequelize';
import { Community, Membership } from '../kernel/community';
import { columnsOf, instanceFrom } from '../db/rows';
import { isTimeZone } from '../kernel/time-zones';
import { versionColumns, useVersionRead } from './community-cache';

export interface MemberKernel {
  membership: Membership;
  community: Community;
  /** The member's own time zone, when they chose one (the reader's zone falls back to the community's). */
  ownZone: string | null;
  /** Unread notifications of this membership. */
  unread: number;
  /** The charter's current version and the latest one the member acknowledged; null without a charter. */
  charter: { version: number; acknowledged: number | null } | null;
}

/**
 * The kernel's columns and joins, to read it on its own (`memberKernel`) or in the statement that
 * resumes the session (web/session.ts: the user id is then `s.user_id`). The memberships row is
 * left-joined: no active membership gives a row whose `m.id` is null.
 */
export function kernelQuery(communityId: number, userColumn: string): KernelQuery {
  const versionRead = versionColumns(communityId, 'v');
  return {
    communityId,
    select: `${columnsOf(Membership, 'm', 'm.')}, ${columnsOf(Community, 'c', 'c.')},
       (SELECT z.time_zone FROM user_time_zones z WHERE z.user_id = m.user_id) AS k_zone,
       (SELECT COUNT(*) FROM notifications n WHERE n.membership_id = m.id AND n.read_at IS NULL) AS k_unread,
       (SELECT MAX(v.version) FROM charter_versions v WHERE v.community_id = m.community_id) AS k_charter,
       (SELECT MAX(v.version) FROM charter_acknowledgements a JOIN charter_versions v ON v.id = a.charter_version_id WHERE a.membership_id = m.id) AS k_acknowledged${versionRead ? `,
       ${versionRead.sql}` : ''}`,
    join: `LEFT JOIN memberships m ON m.user_id = ${userColumn} AND m.community_id = :kernelCommunityId AND m.status = 'active'
       LEFT JOIN communities c ON c.id = m.community_id`,
    replacements: { kernelCommunityId: communityId, ...versionRead?.replacements },
    versionAfter: versionRead ? (versionRead.replacements.vafter as number) : null,
  };
}

export interface KernelQuery {
  communityId: number;
  select: string;
  join: string;
  replacements: Record<string, unknown>;
  versionAfter: number | null;
}

/** The kernel of a community page for this user, or null when they hold no active membership there. */
export async function memberKernel(userId: number, communityId: number): Promise<MemberKernel | null> {
  const q = kernelQuery(communityId, 'm.user_id');
  const [row] = await Membership.sequelize!.query<Record<string, unknown>>(
    `SELECT ${q.select}
     FROM memberships m JOIN communities c ON c.id = m.community_id
     WHERE m.user_id = :userId AND m.community_id = :kernelCommunityId AND m.status = 'active'`,
    { type: QueryTypes.SELECT, replacements: { userId, ...q.replacements } },
  );
  return row ? kernelFrom(q, row) : null;
}

/** The kernel from a row read with `kernelQuery`'s columns (null without an active membership). */
export function kernelFrom(q: KernelQuery, row: Record<string, unknown>): MemberKernel | null {
  if (row['m.id'] === null || row['m.id'] === undefined) return null;
  const ownZone = typeof row.k_zone === 'string' && isTimeZone(row.k_zone) ? row.k_zone : null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const version = num(row.k_charter);
  const membership = instanceFrom(Membership, row, 'm.');
  // The membership lives as long as the request: the version is kept for it (cachedForCommunity's scope).
  if (q.versionAfter !== null) useVersionRead(q.communityId, membership, q.versionAfter, row, 'v');
  return {
    membership,
    community: instanceFrom(Community, row, 'c.'),
    ownZone,
    unread: num(row.k_unread) ?? 0,
    charter: version === null ? null : { version, acknowledged: num(row.k_acknowledged) },
  };
}
