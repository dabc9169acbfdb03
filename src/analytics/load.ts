/**
 * Build a community's History from the database: every query is scoped to one community id.
 * A fixed number of queries whatever the size: memberships, charter acknowledgements, first
 * traces per member, accepted mentorings, the activities of the window, the last problem
 * request, and the decided proposals' titles and votes.
 */
import { Op, col, fn } from 'sequelize';
import { Activity } from '../activity/model';
import { Community, Membership, effectiveRole } from '../kernel/community';
import { User, displayName } from '../users/model';
import { CharterAcknowledgement, CharterVersion } from '../charter/model';
import { Proposal } from '../governance/model';
import { CONTRIBUTION_VERBS, PROBLEM_VERBS, PROFILE_VERB } from './kinds';
import { num, parseData, toDate, type Act, type Decision, type History, type RosterEntry } from './history';

/** Verbs read over the window: contributions, problem bookkeeping and decisions. */
const WINDOW_VERBS = [...new Set([...CONTRIBUTION_VERBS, ...PROBLEM_VERBS.solved, 'proposal.decided'])];

/** The community's History for [since, until); with `only`, one membership's (its own page: no decisions). */
export async function loadHistory(community: Pick<Community, 'id' | 'createdAt'>, since: Date, until: Date, only?: number): Promise<History> {
  const communityId = community.id;
  const one = only ? { membershipId: only } : {};
  const [memberships, acks, firsts, mentoring, rows, charters, lastProblem] = await Promise.all([
    Membership.findAll({
      where: { communityId, status: { [Op.ne]: 'removed' }, ...(only ? { id: only } : { createdAt: { [Op.lt]: until } }) },
      include: [{ model: User, as: 'user', attributes: ['id', 'sub', 'name', 'givenName', 'familyName', 'erasedAt'] }],
      order: [['id', 'ASC']],
    }),
    CharterAcknowledgement.findAll({ attributes: [[col('membership_id'), 'membershipId'], [fn('MIN', col('created_at')), 'first']], where: { communityId, createdAt: { [Op.lt]: until }, ...one }, group: [col('membership_id')], raw: true }),
    Activity.findAll({
      attributes: [[col('membership_id'), 'membershipId'], 'verb', [fn('MIN', col('created_at')), 'first']],
      where: { communityId, verb: [...CONTRIBUTION_VERBS, PROFILE_VERB], membershipId: only ?? { [Op.ne]: null }, createdAt: { [Op.lt]: until } },
      group: [col('membership_id'), 'verb'],
      raw: true,
    }),
    Activity.findAll({ attributes: ['data', 'createdAt'], where: { communityId, verb: 'mentoring.accept', createdAt: { [Op.lt]: until } }, raw: true }),
    Activity.findAll({
      attributes: ['verb', 'membershipId', 'subjectId', 'data', 'createdAt'],
      where: { communityId, verb: WINDOW_VERBS, createdAt: { [Op.gte]: since, [Op.lt]: until }, ...one },
      order: [['id', 'ASC']],
      raw: true,
    }),
    CharterVersion.count({ where: { communityId } }),
    Activity.max('createdAt', { where: { communityId, verb: PROBLEM_VERBS.create, createdAt: { [Op.lt]: until } } }),
  ]);
  const acts: Act[] = rows.map((r) => ({ verb: r.verb, membershipId: r.membershipId === null ? null : Number(r.membershipId), at: toDate(r.createdAt)!, subjectId: num(r.subjectId), data: parseData(r.data) }));
  const facts = firstTraces(acks as unknown as FirstRow[], firsts as unknown as FirstRow[], mentoring as unknown as Array<{ data: string | null; createdAt: unknown }>);
  const roster: RosterEntry[] = memberships.map((m) => ({
    membershipId: m.id,
    name: m.user?.erasedAt ? '' : displayName(m.user!),
    erased: Boolean(m.user?.erasedAt),
    role: effectiveRole(m),
    status: m.status,
    cohortId: m.cohortId,
    joinedAt: m.createdAt,
    lastLaunchAt: m.lastLaunchAt,
    lastVisitAt: m.lastVisitAt,
    charterAckAt: facts.ack.get(m.id) ?? null,
    firstContributionAt: facts.contribution.get(m.id) ?? null,
    profileAt: facts.profile.get(m.id) ?? null,
    mentoredAt: facts.mentored.get(m.id) ?? null,
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
  };
}

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
