/**
 * The members page's data: one community's memberships by status (scoped by community id in every
 * query), and each cohort's roster sync state for facilitators. Plain data only: templates never
 * receive model instances.
 */
import { fn, col } from 'sequelize';
import { Cohort, Membership, effectiveRole, type MembershipStatus } from '../kernel/community';
import { User, displayName } from '../users/model';
import { RosterSync, type RosterSyncResult } from '../lms/model';
import type { CommunityRole } from '../kernel/roles';
import type { ListedStatus } from './schemas';

/** Members per page of the list (a 5,000-member cohort stays readable). */
export const PAGE_SIZE = 50;

/** One member as the page shows it (e-mail, last launch and source only reach facilitators' views). */
export interface MemberRow {
  name: string;
  erased: boolean;
  role: CommunityRole;
  status: MembershipStatus;
  lastLaunchAt: string | null;
  source: string;
  email: string | null;
  course: string | null;
}

/** One page of a community's members with the given status, and the count of each status. */
export async function listMembers(communityId: number, status: ListedStatus, page: number) {
  const [grouped, rows, cohorts] = await Promise.all([
    Membership.findAll({
      where: { communityId },
      attributes: ['status', [fn('COUNT', col('id')), 'n']],
      group: ['status'],
      raw: true,
    }) as unknown as Promise<Array<{ status: MembershipStatus; n: number }>>,
    Membership.findAll({
      where: { communityId, status },
      include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'email', 'erasedAt'] }],
      order: [[{ model: User, as: 'user' }, 'familyName', 'ASC'], [{ model: User, as: 'user' }, 'givenName', 'ASC'], [{ model: User, as: 'user' }, 'name', 'ASC'], ['id', 'ASC']],
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    Cohort.findAll({ where: { communityId }, attributes: ['id', 'contextTitle', 'contextLabel'] }),
  ]);
  const counts: Record<ListedStatus, number> = { active: 0, invited: 0, inactive: 0 };
  for (const g of grouped) if (g.status in counts) counts[g.status as ListedStatus] = Number(g.n);
  const courseOf = new Map(cohorts.map((c) => [c.id, c.contextTitle ?? c.contextLabel ?? `#${c.id}`]));
  const members: MemberRow[] = rows.map((m) => ({
    name: m.user!.erasedAt ? '' : displayName(m.user!),
    erased: Boolean(m.user!.erasedAt),
    role: effectiveRole(m),
    status: m.status,
    lastLaunchAt: m.lastLaunchAt ? m.lastLaunchAt.toISOString() : null,
    source: m.source,
    email: m.user!.erasedAt ? null : m.user!.email,
    course: cohorts.length > 1 ? (courseOf.get(m.cohortId) ?? null) : null,
  }));
  const pages = Math.max(1, Math.ceil(counts[status] / PAGE_SIZE));
  return { status, page, pages, counts, members };
}

/** One cohort's roster sync as the facilitator's panel shows it. */
export interface CohortSyncView {
  cohortId: number;
  course: string;
  hasService: boolean;
  state: string;
  running: boolean;
  pagesRead: number;
  membersRead: number;
  rosterSyncedAt: string | null;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  result: RosterSyncResult | null;
  error: string | null;
  /** The platform's own answer (status and reason), for the facilitator to pass on to the LMS administrator. */
  errorDetail: string | null;
}

/** Each cohort's roster sync state, for the facilitator's panel and its progress indicator. */
export async function rosterStatus(communityId: number): Promise<CohortSyncView[]> {
  const cohorts = (await Cohort.findAll({
    where: { communityId },
    include: [{ model: RosterSync, as: 'rosterSync', required: false }],
    order: [['id', 'ASC']],
  })) as Array<Cohort & { rosterSync: RosterSync | null }>;
  const now = Date.now();
  return cohorts.map((c) => {
    const s = c.rosterSync;
    const leased = Boolean(s?.leaseUntil && s.leaseUntil.getTime() > now);
    return {
      cohortId: c.id,
      course: c.contextTitle ?? c.contextLabel ?? `#${c.id}`,
      hasService: Boolean(c.nrpsUrl),
      state: leased ? 'running' : (s?.state ?? 'idle'),
      running: leased || s?.state === 'queued',
      pagesRead: s?.pagesRead ?? 0,
      membersRead: s?.membersRead ?? 0,
      rosterSyncedAt: c.rosterSyncedAt ? c.rosterSyncedAt.toISOString() : null,
      finishedAt: s?.finishedAt ? s.finishedAt.toISOString() : null,
      nextAttemptAt: s?.nextAttemptAt ? s.nextAttemptAt.toISOString() : null,
      result: s?.lastResult ?? null,
      error: s?.lastError ?? null,
      errorDetail: s?.lastError ? (s.lastErrorDetail ?? null) : null,
    };
  });
}
