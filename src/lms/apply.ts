/**
 * Apply a roster that was read in full to a cohort's memberships, in bulk and in one
 * transaction. Roster sync never deletes (STYLE.md): people who left become *inactive* and keep
 * their contributions; people never seen at launch arrive *invited*; LMS role changes apply while
 * a facilitator's promotion (role_override) stays.
 */
import { Op, type Transaction } from 'sequelize';
import { Membership, type MembershipStatus } from '../kernel/community';
import { mapRoles } from '../lti/roles';
import type { CommunityRole } from '../kernel/roles';
import type { RosterMember } from './nrps-schema';
import { chunks, upsertRosterUsers } from './users';

/** What applying a roster changed. */
export interface ApplyCounts {
  added: number;
  reactivated: number;
  updated: number;
  deactivated: number;
}

/** A membership row as the plan reads it. */
export interface ExistingMembership {
  id: number;
  userId: number;
  cohortId: number;
  role: CommunityRole;
  ltiRoles: string;
  status: MembershipStatus;
  source: string;
  lastLaunchAt: Date | string | null;
}

type NewRow = { userId: number; communityId: number; cohortId: number; role: CommunityRole; ltiRoles: string[]; status: MembershipStatus; source: 'roster' };
type UpdateRow = Omit<NewRow, 'source'> & { id: number; source: string };

/** The bulk writes a roster calls for, decided before any of them runs. */
export interface MembershipPlan {
  inserts: NewRow[];
  updates: UpdateRow[];
  deactivate: number[];
  counts: ApplyCounts;
}

const isCurrent = (s: MembershipStatus) => s === 'active' || s === 'invited';

/**
 * Decide, without touching the database, what the roster changes. `complete` is true only when
 * every page of a full roster was read: only then does absence mean "left the course".
 */
export function planMemberships(
  cohort: { id: number; communityId: number },
  existing: ExistingMembership[],
  members: RosterMember[],
  userIds: Map<string, number>,
  complete: boolean,
): MembershipPlan {
  const plan: MembershipPlan = { inserts: [], updates: [], deactivate: [], counts: { added: 0, reactivated: 0, updated: 0, deactivated: 0 } };
  const byUser = new Map(existing.map((m) => [m.userId, m]));
  const present = new Set<number>();
  for (const m of members) {
    const userId = userIds.get(m.userId);
    if (userId === undefined) continue;
    const ex = byUser.get(userId);
    if (m.status !== 'Active') {
      if (ex && ex.cohortId === cohort.id && isCurrent(ex.status)) plan.deactivate.push(ex.id);
      continue;
    }
    present.add(userId);
    const role = mapRoles(m.roles).role;
    if (!ex) {
      plan.inserts.push({ userId, communityId: cohort.communityId, cohortId: cohort.id, role, ltiRoles: m.roles, status: 'invited', source: 'roster' });
      plan.counts.added++;
      continue;
    }
    // A membership removed by hand stays removed; one current through another course stays with it.
    if (ex.status === 'removed' || (ex.cohortId !== cohort.id && isCurrent(ex.status))) continue;
    const status: MembershipStatus = isCurrent(ex.status) ? ex.status : ex.lastLaunchAt ? 'active' : 'invited';
    if (status === ex.status && role === ex.role && ex.cohortId === cohort.id) continue;
    if (status !== ex.status) plan.counts.reactivated++;
    else plan.counts.updated++;
    const ltiRoles = role !== ex.role ? m.roles : (JSON.parse(ex.ltiRoles || '[]') as string[]);
    plan.updates.push({ id: ex.id, userId, communityId: cohort.communityId, cohortId: cohort.id, role, ltiRoles, status, source: ex.source });
  }
  if (complete) {
    for (const ex of existing) {
      if (ex.cohortId === cohort.id && isCurrent(ex.status) && !present.has(ex.userId)) plan.deactivate.push(ex.id);
    }
  }
  plan.deactivate = [...new Set(plan.deactivate)];
  plan.counts.deactivated = plan.deactivate.length;
  return plan;
}

/** Upsert users and memberships for a roster, then deactivate who left; returns the counts. */
export async function applyRoster(
  cohort: { id: number; communityId: number; platformId: number },
  members: RosterMember[],
  complete: boolean,
  transaction: Transaction,
): Promise<ApplyCounts> {
  const userIds = await upsertRosterUsers(cohort.platformId, members, transaction);
  const existing = (await Membership.findAll({
    where: { communityId: cohort.communityId },
    attributes: ['id', 'userId', 'cohortId', 'role', 'ltiRoles', 'status', 'source', 'lastLaunchAt'],
    raw: true,
    transaction,
  })) as unknown as ExistingMembership[];
  const plan = planMemberships(cohort, existing, members, userIds, complete);
  for (const rows of chunks(plan.inserts)) await Membership.bulkCreate(rows, { transaction, ignoreDuplicates: true });
  for (const rows of chunks(plan.updates)) {
    await Membership.bulkCreate(rows, { transaction, updateOnDuplicate: ['role', 'ltiRoles', 'status', 'cohortId', 'updatedAt'] });
  }
  for (const ids of chunks(plan.deactivate, 1000)) {
    await Membership.update(
      { status: 'inactive' },
      { where: { id: { [Op.in]: ids }, status: { [Op.in]: ['active', 'invited'] } }, transaction },
    );
  }
  return plan.counts;
}
