/**
 * What the analytics computations read: a community's roster and the relevant slice of its
 * activity log, as plain data. load.ts builds it from the database; the tests build it by hand
 * (constructed histories), so metrics, signals and stage rules stay pure functions over it.
 */
import type { CommunityRole } from '../kernel/roles';
import type { MembershipStatus } from '../kernel/community';
import type { Kind } from './kinds';

/** One membership of the community, with the onboarding facts analytics needs. */
export interface RosterEntry {
  membershipId: number;
  name: string;
  erased: boolean;
  role: CommunityRole;
  status: MembershipStatus;
  cohortId: number;
  joinedAt: Date;
  lastLaunchAt: Date | null;
  lastVisitAt: Date | null;
  /** First acknowledgement of any charter version. */
  charterAckAt: Date | null;
  /** First contribution ever (any kind, see kinds.ts). */
  firstContributionAt: Date | null;
  /** First profile update (issue 4), null when none or when profiles do not exist yet. */
  profileAt: Date | null;
  /** First accepted mentoring in which this member is the mentee (issue 4). */
  mentoredAt: Date | null;
}

/** One activity row, data parsed. */
export interface Act {
  verb: string;
  membershipId: number | null;
  at: Date;
  subjectId: number | null;
  data: Record<string, unknown> | null;
}

/** A decided proposal: who voted (membership ids, any time before the decision) and the roster it counted. */
export interface Decision {
  proposalId: number;
  title: string;
  decidedAt: Date;
  result: string;
  voters: number[];
  /** The eligible roster at the decision (active or invited, not observers), as governance counted it. */
  eligible: number;
}

export interface History {
  communityId: number;
  communityCreatedAt: Date;
  /** Does the community have a charter (members can acknowledge it)? */
  charterExists: boolean;
  /** Memberships that existed before `until` (removed ones are left out). */
  roster: RosterEntry[];
  /** Relevant activities in [since, until). */
  acts: Act[];
  since: Date;
  until: Date;
  /** The last problem request before `until` (any time), for "no problem request in N weeks". */
  lastProblemAt: Date | null;
  /** Proposals decided in [since, until). */
  decisions: Decision[];
  /**
   * Windows already counted in SQL from the daily roll-ups (load.ts; keyed by `windowKey`), for
   * the cohort they were loaded for. `acts` then holds only problem requests and decisions: the
   * contributions are in the tallies. Constructed histories leave it out and are counted from `acts`.
   */
  tallies?: { cohortId: number | null; byWindow: Map<string, Tally> };
}

/** The contributions (activities with a kind, by a membership) of one window, counted. */
export interface Tally {
  byMember: Map<number, { byKind: Record<Kind, number>; last: Date | null }>;
  /** Per day of the community's zone (YYYY-MM-DD). */
  byDay: Map<string, Record<Kind, number>>;
  /** Per verb, with the links of rise-above notes. */
  byVerb: Map<string, { count: number; links: number }>;
}

/** The key of a window in `History.tallies`. */
export function windowKey(w: { since: Date; until: Date }): string {
  return `${w.since.getTime()}:${w.until.getTime()}`;
}

/** Roster members who count in the distribution and the quorum: active or invited, not observers (src/governance/roster.ts). */
export function isRosterMember(r: Pick<RosterEntry, 'status' | 'role'>): boolean {
  return (r.status === 'active' || r.status === 'invited') && r.role !== 'observer';
}

/** Enrolled but never opened CoPeR: invited by the roster sync, or no launch recorded. */
export function neverLaunched(r: Pick<RosterEntry, 'status' | 'lastLaunchAt'>): boolean {
  return r.status === 'invited' || r.lastLaunchAt === null;
}

/** Parse an activity's JSON data; bad JSON counts as no data. */
export function parseData(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A number from JSON data (numbers or numeric strings), else null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A date from the database: Sequelize gives Dates, raw aggregates on SQLite give strings. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The history narrowed to one cohort (one linked course): its memberships, their activities,
 * and each decision's turnout counted against that cohort's eligible roster.
 */
export function forCohort(h: History, cohortId: number | null): History {
  // Tallies are counted in SQL for one cohort: narrowing them here again is impossible.
  if (h.tallies && h.tallies.cohortId !== cohortId) throw new Error(`analytics: history counted for cohort ${h.tallies.cohortId}, asked for ${cohortId}`);
  if (cohortId === null) return h;
  const roster = h.roster.filter((r) => r.cohortId === cohortId);
  const ids = new Set(roster.map((r) => r.membershipId));
  const eligible = roster.filter(isRosterMember).length;
  return {
    ...h,
    roster,
    acts: h.acts.filter((a) => a.membershipId !== null && ids.has(a.membershipId)),
    decisions: h.decisions.map((d) => ({ ...d, voters: d.voters.filter((v) => ids.has(v)), eligible })),
  };
}
