/**
 * Build a community's History from the database: every query is scoped to one community id.
 * A fixed number of queries whatever the size: memberships, charter acknowledgements, first
 * traces per member, accepted mentorings, the problem requests and decisions of the window, the
 * last problem request, the decided proposals' titles and votes — and, for each window the
 * figures read, three sums over the daily roll-ups (per member and kind, per day and kind, per
 * verb: src/analytics/daily.ts). Contributions are counted in SQL, never loaded row by row, so
 * memory does not grow with the activity log. A window that is not whole days of the community's
 * zone (a digest computed in another zone) is read from the log as before.
 */
import { Op, QueryTypes, col, fn, type Sequelize } from 'sequelize';
import { DateTime } from 'luxon';
import { Activity } from '../activity/model';
import { Community, Membership, effectiveRole } from '../kernel/community';
import { User, displayName } from '../users/model';
import { CharterAcknowledgement, CharterVersion } from '../charter/model';
import { Proposal } from '../governance/model';
import { CONTRIBUTION_VERBS, PROBLEM_VERBS, PROFILE_VERB, emptyByKind, type Kind } from './kinds';
import { num, parseData, toDate, windowKey, type Act, type Decision, type History, type RosterEntry, type Tally } from './history';
import { rollupZone } from './daily';
import type { Window } from './participation';

/** Verbs read over the window from the log when it is not whole days: contributions, problem bookkeeping and decisions. */
const WINDOW_VERBS = [...new Set([...CONTRIBUTION_VERBS, ...PROBLEM_VERBS.solved, 'proposal.decided'])];
/** Verbs still read row by row with the roll-ups: problem requests, their leads and solutions (time to first lead), decisions. */
const ROW_VERBS = [PROBLEM_VERBS.create, PROBLEM_VERBS.lead, ...PROBLEM_VERBS.solved, 'proposal.decided'];

export interface LoadOptions {
  /** One membership's history (its own page: no decisions). */
  only?: number;
  /** Count the windows for this cohort's memberships only (forCohort narrows the rest). */
  cohortId?: number | null;
  /** The windows the figures will read (default: [since, until)). */
  windows?: Window[];
  /** Read contributions row by row from the log, as before the roll-ups (the reference the tests compare them with). */
  fromLog?: boolean;
}

type CommunityRef = Pick<Community, 'id' | 'createdAt'> & { timeZone?: string | null };

/** The community's History for [since, until). */
export async function loadHistory(community: CommunityRef, since: Date, until: Date, opts: LoadOptions = {}): Promise<History> {
  const communityId = community.id;
  const { only } = opts;
  const cohortId = only ? null : (opts.cohortId ?? null);
  // The same window once (the stage window is the period itself for 4 weeks).
  const windows = [...new Map((opts.windows ?? [{ since, until }]).map((w) => [windowKey(w), w])).values()];
  const zone = rollupZone(community.timeZone !== undefined ? community.timeZone : (await Community.findByPk(communityId, { attributes: ['timeZone'] }))?.timeZone);
  const wholeDays = !opts.fromLog && [since, until, ...windows.flatMap((w) => [w.since, w.until])].every((d) => DateTime.fromJSDate(d, { zone }).startOf('day').toMillis() === d.getTime());
  const one = only ? { membershipId: only } : {};
  const sequelize = Activity.sequelize!;
  const scope: Scope = { sequelize, communityId, zone, only, cohortId, until };
  const [memberships, acks, firsts, mentoring, rows, charters, lastProblem, tallies] = await Promise.all([
    rosterRows(sequelize, communityId, only, until),
    CharterAcknowledgement.findAll({ attributes: [[col('membership_id'), 'membershipId'], [fn('MIN', col('created_at')), 'first']], where: { communityId, createdAt: { [Op.lt]: until }, ...one }, group: [col('membership_id')], raw: true }),
    wholeDays
      ? firstsFromDaily(scope)
      : Activity.findAll({
          attributes: [[col('membership_id'), 'membershipId'], 'verb', [fn('MIN', col('created_at')), 'first']],
          where: { communityId, verb: [...CONTRIBUTION_VERBS, PROFILE_VERB], membershipId: only ?? { [Op.ne]: null }, createdAt: { [Op.lt]: until } },
          group: [col('membership_id'), 'verb'],
          raw: true,
        }),
    // By community and verb (SQLite's planner, without statistics, would take the time index and read the whole log).
    sequelize.query<{ data: string | null; createdAt: unknown }>(
      `SELECT data, created_at AS createdAt FROM activities${sequelize.getDialect() === 'sqlite' ? ' INDEXED BY activities_community_verb_ix' : ''} WHERE community_id = ? AND verb = 'mentoring.accept' AND created_at < ?`,
      { replacements: [communityId, until], type: QueryTypes.SELECT },
    ),
    Activity.findAll({
      attributes: ['verb', 'membershipId', 'subjectId', 'data', 'createdAt'],
      where: { communityId, verb: wholeDays ? ROW_VERBS : WINDOW_VERBS, createdAt: { [Op.gte]: since, [Op.lt]: until }, ...one },
      order: [['id', 'ASC']],
      raw: true,
    }),
    CharterVersion.count({ where: { communityId } }),
    Activity.max('createdAt', { where: { communityId, verb: PROBLEM_VERBS.create, createdAt: { [Op.lt]: until } } }),
    wholeDays ? Promise.all(windows.map(async (w) => [windowKey(w), await tallyFromDaily(scope, w)] as const)) : null,
  ]);
  const acts: Act[] = rows.map((r) => ({ verb: r.verb, membershipId: r.membershipId === null ? null : Number(r.membershipId), at: toDate(r.createdAt)!, subjectId: num(r.subjectId), data: parseData(r.data) }));
  const facts = firstTraces(acks as unknown as FirstRow[], firsts as unknown as FirstRow[], mentoring as unknown as Array<{ data: string | null; createdAt: unknown }>);
  const roster: RosterEntry[] = memberships.map((m) => ({
    membershipId: Number(m.id),
    name: m.user?.erasedAt ? '' : displayName({ ...m.user, id: Number(m.user.id), erasedAt: toDate(m.user.erasedAt) }),
    erased: Boolean(m.user?.erasedAt),
    role: effectiveRole(m),
    status: m.status,
    cohortId: Number(m.cohortId),
    joinedAt: toDate(m.createdAt)!,
    lastLaunchAt: toDate(m.lastLaunchAt),
    lastVisitAt: toDate(m.lastVisitAt),
    charterAckAt: facts.ack.get(Number(m.id)) ?? null,
    firstContributionAt: facts.contribution.get(Number(m.id)) ?? null,
    profileAt: facts.profile.get(Number(m.id)) ?? null,
    mentoredAt: facts.mentored.get(Number(m.id)) ?? null,
  }));
  return {
    communityId,
    communityCreatedAt: community.createdAt,
    charterExists: charters > 0,
    roster,
    acts,
    since,
    until,
    lastProblemAt: toDate(lastProblem),
    decisions: only ? [] : await decisionsOf(communityId, acts),
    ...(tallies ? { tallies: { cohortId, byWindow: new Map(tallies) } } : {}),
  };
}

interface Scope {
  sequelize: Sequelize;
  communityId: number;
  zone: string;
  only?: number;
  cohortId: number | null;
  until: Date;
}

/** The roll-up rows of a scope: its community, one membership or one cohort's roster (as forCohort narrows it). */
function scoped(s: Scope): { sql: string; replacements: Record<string, unknown> } {
  if (s.only) return { sql: 'community_id = :c AND membership_id = :only', replacements: { c: s.communityId, only: s.only } };
  if (s.cohortId !== null) {
    return {
      sql: "community_id = :c AND membership_id IN (SELECT id FROM memberships WHERE community_id = :c AND cohort_id = :cohort AND status <> 'removed' AND created_at < :until)",
      replacements: { c: s.communityId, cohort: s.cohortId, until: s.until },
    };
  }
  return { sql: 'community_id = :c', replacements: { c: s.communityId } };
}

const localDay = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate()!;

/**
 * Earliest contribution and profile update per membership before `until`: each member's first
 * instant per kind (`activity_firsts`, kept with the roll-ups), when its day is before the day of
 * `until`. The earliest instant of all is the earliest before `until` whenever there is one.
 */
async function firstsFromDaily(s: Scope): Promise<FirstRow[]> {
  const where = scoped({ ...s, cohortId: null });
  const rows = await s.sequelize.query<{ membership_id: number; kind: string; first: unknown }>(
    `SELECT membership_id, kind, first_at AS first FROM activity_firsts WHERE ${where.sql} AND day < :to`,
    { replacements: { ...where.replacements, to: localDay(s.until, s.zone) }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ membershipId: r.membership_id, verb: r.kind === '' ? PROFILE_VERB : undefined, first: r.first }));
}

/** One window's contributions, summed over its days in SQL: per member and kind, per day and kind, per verb. */
async function tallyFromDaily(s: Scope, w: Window): Promise<Tally> {
  const where = scoped(s);
  const replacements = { ...where.replacements, from: localDay(w.since, s.zone), to: localDay(w.until, s.zone) };
  const base = `FROM activity_daily WHERE ${where.sql} AND day >= :from AND day < :to AND kind <> ''`;
  const select = <T extends object>(sql: string) => s.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  const [members, days, verbs] = await Promise.all([
    select<{ membership_id: number; kind: Kind; n: number | string; last: unknown }>(`SELECT membership_id, kind, SUM(count) AS n, MAX(last_at) AS last ${base} GROUP BY membership_id, kind`),
    select<{ day: string; kind: Kind; n: number | string }>(`SELECT CAST(day AS CHAR(10)) AS day, kind, SUM(count) AS n ${base} GROUP BY day, kind`),
    select<{ verb: string; n: number | string; links: number | string }>(`SELECT verb, SUM(count) AS n, SUM(links) AS links ${base} GROUP BY verb`),
  ]);
  const t: Tally = { byMember: new Map(), byDay: new Map(), byVerb: new Map() };
  for (const r of members) {
    const id = Number(r.membership_id);
    const m = t.byMember.get(id) ?? { byKind: emptyByKind(), last: null };
    m.byKind[r.kind] += Number(r.n);
    const last = toDate(r.last);
    if (last && (!m.last || last > m.last)) m.last = last;
    t.byMember.set(id, m);
  }
  for (const r of days) {
    const date = String(r.day).slice(0, 10);
    const d = t.byDay.get(date) ?? emptyByKind();
    d[r.kind] += Number(r.n);
    t.byDay.set(date, d);
  }
  for (const r of verbs) t.byVerb.set(r.verb, { count: Number(r.n), links: Number(r.links) });
  return t;
}

/**
 * The roster as plain SQL rows: thousands of memberships and their users, without Sequelize
 * building, nesting or cloning anything (the dashboard's first request reads them all).
 */
async function rosterRows(sequelize: Sequelize, communityId: number, only: number | undefined, until: Date): Promise<MembershipRow[]> {
  const rows = await sequelize.query<Record<string, unknown>>(
    'SELECT m.id, m.role, m.role_override, m.status, m.cohort_id, m.created_at, m.last_launch_at, m.last_visit_at, u.id AS user_id, u.name, u.given_name, u.family_name, u.erased_at ' +
      `FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.community_id = ? AND m.status <> 'removed' AND ${only ? 'm.id = ?' : 'm.created_at < ?'} ORDER BY m.id`,
    { replacements: [communityId, only ?? until], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    role: r.role as MembershipRow['role'],
    roleOverride: (r.role_override ?? null) as MembershipRow['roleOverride'],
    status: r.status as MembershipRow['status'],
    cohortId: Number(r.cohort_id),
    createdAt: r.created_at,
    lastLaunchAt: r.last_launch_at,
    lastVisitAt: r.last_visit_at,
    user: { id: Number(r.user_id), name: r.name as string | null, givenName: r.given_name as string | null, familyName: r.family_name as string | null, erasedAt: r.erased_at },
  })) as MembershipRow[];
}

/** A membership and its user as plain rows (SQLite gives timestamps as text). */
type MembershipRow = Pick<Membership, 'id' | 'role' | 'roleOverride' | 'status' | 'cohortId'> & {
  createdAt: unknown;
  lastLaunchAt: unknown;
  lastVisitAt: unknown;
  user: Pick<User, 'id' | 'name' | 'givenName' | 'familyName'> & { erasedAt: unknown };
};

type FirstRow = { membershipId: number | string; verb?: string; first: unknown };

/** Earliest charter acknowledgement, contribution, profile update and accepted mentoring (as mentee) per membership. */
function firstTraces(acks: FirstRow[], firsts: FirstRow[], mentoring: Array<{ data: string | null; createdAt: unknown }>) {
  const earliest = (map: Map<number, Date>, id: number | null, at: Date | null) => {
    if (id === null || !at) return;
    const prev = map.get(id);
    if (!prev || at < prev) map.set(id, at);
  };
  const ack = new Map<number, Date>();
  const contribution = new Map<number, Date>();
  const profile = new Map<number, Date>();
  const mentored = new Map<number, Date>();
  for (const a of acks) earliest(ack, Number(a.membershipId), toDate(a.first));
  for (const f of firsts) earliest(f.verb === PROFILE_VERB ? profile : contribution, Number(f.membershipId), toDate(f.first));
  for (const m of mentoring) {
    const d = parseData(m.data);
    earliest(mentored, num(d?.menteeMembershipId ?? d?.menteeId), toDate(m.createdAt));
  }
  return { ack, contribution, profile, mentored };
}

/** The proposals decided in the window, with who voted on each (votes may predate the window). */
async function decisionsOf(communityId: number, acts: Act[]): Promise<Decision[]> {
  const decided = acts.filter((a) => a.verb === 'proposal.decided' && a.subjectId !== null);
  if (!decided.length) return [];
  const ids = decided.map((a) => a.subjectId!);
  const [proposals, votes] = await Promise.all([
    Proposal.findAll({ attributes: ['id', 'title'], where: { communityId, id: ids }, raw: true }),
    Activity.findAll({ attributes: ['subjectId', 'membershipId'], where: { communityId, verb: 'vote.cast', subjectType: 'proposal', subjectId: ids }, raw: true }),
  ]);
  const titles = new Map(proposals.map((p) => [Number(p.id), p.title]));
  const voters = new Map<number, Set<number>>();
  for (const v of votes) {
    if (v.membershipId === null) continue;
    const set = voters.get(Number(v.subjectId)) ?? new Set<number>();
    set.add(Number(v.membershipId));
    voters.set(Number(v.subjectId), set);
  }
  return decided.map((a) => ({
    proposalId: a.subjectId!,
    title: titles.get(a.subjectId!) ?? `#${a.subjectId}`,
    decidedAt: a.at,
    result: String(a.data?.result ?? ''),
    voters: [...(voters.get(a.subjectId!) ?? [])],
    eligible: num(a.data?.eligible) ?? 0,
  }));
}
