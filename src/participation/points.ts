/**
 * Points from the database: the activity rows and adjustments that credit a member (or every
 * member of a community), handed to the pure `computeScore`. Every query is scoped to one
 * community id.
 */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { Activity } from '../activity/model';
import type { ActivityRow } from '../activity/listeners';
import { Membership, type Community } from '../kernel/community';
import { CREDIT_VERBS, DELETE_VERBS, SCORING_VERBS, rulesOf, type Rules } from './rules';
import { ScoreAdjustment } from './model';
import { beneficiary, computeScore, type ScoreSummary, type ScoringActivity, type ScoringAdjustment } from './scoring';

const ACTOR_VERBS = [...SCORING_VERBS].filter((v) => !(CREDIT_VERBS as readonly string[]).includes(v) && !(DELETE_VERBS as readonly string[]).includes(v));
const MEETING_VERBS = ACTOR_VERBS.filter((v) => v.startsWith('meeting.'));

/**
 * An activity row as the scoring function reads it (data parsed; bad JSON counts as no data).
 * A credit naming the author's user id (`data.authorId`, as the resources feature writes it)
 * gets the author's membership in this community, from `memberOfUser`.
 */
export function toScoring(a: ActivityRow, memberOfUser?: (userId: number) => number | undefined): ScoringActivity {
  let data: Record<string, unknown> | null = null;
  try {
    data = a.data ? (JSON.parse(a.data) as Record<string, unknown>) : null;
  } catch {
    data = null;
  }
  if (data && memberOfUser && (CREDIT_VERBS as readonly string[]).includes(a.verb) && data.authorMembershipId === undefined && data.authorId !== undefined) {
    const m = memberOfUser(Number(data.authorId));
    if (m !== undefined) data = { ...data, authorMembershipId: m };
  }
  // Plain rows from SQLite carry their timestamp as text.
  const createdAt = a.createdAt instanceof Date ? a.createdAt : new Date(String(a.createdAt));
  return { id: Number(a.id), verb: a.verb, membershipId: a.membershipId === null ? null : Number(a.membershipId), subjectType: a.subjectType, subjectId: a.subjectId === null ? null : Number(a.subjectId), data, createdAt };
}

/** `"key":123` as JSON.stringify writes it (number or string), to narrow a LIKE before parsing. */
function mentions(key: string, id: number): WhereOptions[] {
  return [`%"${key}":${id},%`, `%"${key}":${id}}%`, `%"${key}":"${id}"%`].map((p) => ({ data: { [Op.like]: p } }));
}

/**
 * The scoring rows that may credit one member: their own contributions, credits to them (by
 * membership or user id), meetings they attended, deletions. Four reads that each use an index
 * (the member's own rows by membership, the others by community and verb), rather than one OR
 * over the community's whole log.
 */
export async function memberRows(communityId: number, membershipId: number, transaction?: Transaction): Promise<ScoringActivity[]> {
  const member = await Membership.findOne({ where: { id: membershipId, communityId }, attributes: ['id', 'userId'], transaction });
  const read = (where: WhereOptions) => Activity.findAll({ where: { communityId, ...where }, order: [['id', 'ASC']], transaction });
  const parts = await Promise.all([
    read({ membershipId, verb: ACTOR_VERBS }),
    read({ verb: [...CREDIT_VERBS], [Op.or]: [...mentions('authorMembershipId', membershipId), ...(member ? mentions('authorId', member.userId) : [])] }),
    read({ verb: MEETING_VERBS, [Op.or]: [...mentions('attendeeMembershipId', membershipId), ...mentions('membershipId', membershipId)] }),
    read({ verb: [...DELETE_VERBS] }),
  ]);
  const byId = new Map(parts.flat().map((a) => [Number(a.id), a]));
  const rows = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  const memberOfUser = (userId: number) => (member && userId === member.userId ? member.id : undefined);
  return rows.map((a) => toScoring(a, memberOfUser)).filter((a) => (DELETE_VERBS as readonly string[]).includes(a.verb) || beneficiary(a) === membershipId);
}

/** Every scoring row of a community, grouped by the member it credits (deletions go to everyone: they match by subject). */
export async function communityRows(communityId: number): Promise<Map<number, ScoringActivity[]>> {
  const [rows, members] = await Promise.all([
    // Plain rows, only the columns scoring reads: a community's log may hold hundreds of thousands (the dashboard's points).
    Activity.findAll({ attributes: ['id', 'verb', 'membershipId', 'subjectType', 'subjectId', 'data', 'createdAt'], where: { communityId, verb: [...SCORING_VERBS] }, order: [['id', 'ASC']], raw: true }) as unknown as Promise<ActivityRow[]>,
    Membership.findAll({ where: { communityId }, attributes: ['id', 'userId'] }),
  ]);
  const byUser = new Map(members.map((m) => [m.userId, m.id]));
  const out = new Map<number, ScoringActivity[]>(members.map((m) => [m.id, []]));
  const deletions: ScoringActivity[] = [];
  for (const a of rows.map((r) => toScoring(r, (u) => byUser.get(u)))) {
    if ((DELETE_VERBS as readonly string[]).includes(a.verb)) {
      deletions.push(a);
      continue;
    }
    const who = beneficiary(a);
    if (who === null) continue;
    if (!out.has(who)) out.set(who, []);
    out.get(who)!.push(a);
  }
  for (const list of out.values()) list.push(...deletions);
  return out;
}

/** Adjustments of one member, or of every member of the community. */
export async function adjustmentsOf(communityId: number, membershipId?: number, transaction?: Transaction): Promise<Map<number, ScoringAdjustment[]>> {
  const rows = await ScoreAdjustment.findAll({ where: { communityId, ...(membershipId ? { membershipId } : {}) }, order: [['id', 'ASC']], transaction });
  const out = new Map<number, ScoringAdjustment[]>();
  for (const r of rows) {
    if (!out.has(r.membershipId)) out.set(r.membershipId, []);
    out.get(r.membershipId)!.push({ id: r.id, points: Number(r.points), reason: r.reason, createdAt: r.createdAt });
  }
  return out;
}

/** One member's score under the community's rules (or the rules given: the settings preview). */
export async function memberScore(community: Pick<Community, 'id' | 'settings' | 'createdAt'>, membershipId: number, now = new Date(), rules?: Rules): Promise<ScoreSummary> {
  const [rows, adj] = await Promise.all([memberRows(community.id, membershipId), adjustmentsOf(community.id, membershipId)]);
  return computeScore(membershipId, rows, adj.get(membershipId) ?? [], rules ?? rulesOf(community.settings), { defaultStart: community.createdAt, now });
}

/** Every listed member's score (facilitator table, settings preview, sync page). */
export async function communityScores(community: Pick<Community, 'id' | 'settings' | 'createdAt'>, membershipIds: number[], now = new Date(), rules?: Rules): Promise<Map<number, ScoreSummary>> {
  const [rows, adj] = await Promise.all([communityRows(community.id), adjustmentsOf(community.id)]);
  const r = rules ?? rulesOf(community.settings);
  return new Map(membershipIds.map((id) => [id, computeScore(id, rows.get(id) ?? [], adj.get(id) ?? [], r, { defaultStart: community.createdAt, now })]));
}
