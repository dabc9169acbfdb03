/**
 * Points from the database: the activity rows and adjustments that credit a member (or every
 * member of a community), handed to the pure `computeScore`. Every query is scoped to one
 * community id.
 */
import { QueryTypes, type Transaction } from 'sequelize';
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

/** Endorsements credit the author of the resource they name (`data.authorId`, the resource's author when it was endorsed). */
const ENDORSE_VERBS = ['resource.endorse', 'resource.unendorse'];
const OTHER_CREDIT_VERBS = CREDIT_VERBS.filter((v) => !ENDORSE_VERBS.includes(v));

/** `data LIKE` patterns for `"key":id` as JSON.stringify writes it (number or string). */
function likeMentions(key: string, id: number): string[] {
  return [`%"${key}":${id},%`, `%"${key}":${id}}%`, `%"${key}":"${id}"%`];
}

/**
 * The scoring rows that may credit one member: their own contributions, credits to them (by
 * membership or user id), meetings they attended, deletions. Each read uses an index (a
 * community's log holds hundreds of thousands of rows, most of them endorsements):
 * - their own rows, by membership (a membership belongs to one community);
 * - endorsements of the resources they wrote, by subject (migration 9420); the JSON is searched
 *   only in endorsements of a resource that has no author or is gone (none, as the product keeps
 *   resources and their authors), whose subjects the same index lists without reading rows;
 * - accepted solutions and meetings, by community and verb (few), then the JSON;
 * - deletions, by community and verb.
 * SQLite is told which index (`INDEXED BY`): without statistics its planner prefers the
 * community's index and scans every row of the community. What the reads find is a superset:
 * `beneficiary` keeps exactly the rows that credit the member.
 */
export async function memberRows(communityId: number, membershipId: number, transaction?: Transaction): Promise<ScoringActivity[]> {
  const member = await Membership.findOne({ where: { id: membershipId, communityId }, attributes: ['id', 'userId'], transaction });
  if (!member) return [];
  const sequelize = Activity.sequelize!;
  const sqlite = sequelize.getDialect() === 'sqlite';
  const byVerb = sqlite ? ' INDEXED BY activities_community_verb_ix' : '';
  const bySubject = sqlite ? ' INDEXED BY activities_community_verb_subject_ix' : '';
  const read = (from: string, where: string, replacements: unknown[]) =>
    sequelize.query<RawActivity>(`SELECT id, verb, membership_id, subject_type, subject_id, data, created_at FROM activities${from} WHERE ${where} ORDER BY id`, { replacements, type: QueryTypes.SELECT, transaction });
  const list = (values: readonly string[]) => values.map(() => '?').join(', ');
  const credited = [...likeMentions('authorMembershipId', membershipId), ...likeMentions('authorId', member.userId)];
  const anyOf = (patterns: string[]) => `(${patterns.map(() => 'data LIKE ?').join(' OR ')})`;
  const attended = [...likeMentions('attendeeMembershipId', membershipId), ...likeMentions('membershipId', membershipId)];
  const parts = await Promise.all([
    read(sqlite ? ' INDEXED BY activities_membership_verb_ix' : '', `membership_id = ? AND verb IN (${list(ACTOR_VERBS)})`, [membershipId, ...ACTOR_VERBS]),
    read(
      bySubject,
      `community_id = ? AND verb IN (${list(ENDORSE_VERBS)}) AND subject_type = 'resource' AND subject_id IN (SELECT id FROM resources WHERE community_id = ? AND author_id = ?)`,
      [communityId, ...ENDORSE_VERBS, communityId, member.userId],
    ),
    // Endorsements of a resource gone or without author: their subjects found from the index alone, then only their rows read.
    (async () => {
      const [subjects, authored] = await Promise.all([
        sequelize.query<{ subject_type: string | null; subject_id: number | null }>(`SELECT DISTINCT subject_type, subject_id FROM activities${bySubject} WHERE community_id = ? AND verb IN (${list(ENDORSE_VERBS)})`, {
          replacements: [communityId, ...ENDORSE_VERBS],
          type: QueryTypes.SELECT,
          transaction,
        }),
        sequelize.query<{ id: number }>('SELECT id FROM resources WHERE community_id = ? AND author_id IS NOT NULL', { replacements: [communityId], type: QueryTypes.SELECT, transaction }),
      ]);
      const withAuthor = new Set(authored.map((r) => Number(r.id)));
      const orphans = subjects.filter((x) => x.subject_type !== 'resource' || x.subject_id === null || !withAuthor.has(Number(x.subject_id)));
      if (!orphans.length) return [];
      const is = (column: string, v: unknown) => (v === null ? `${column} IS NULL` : `${column} = ?`);
      const which = orphans.map((x) => `(${is('subject_type', x.subject_type)} AND ${is('subject_id', x.subject_id)})`).join(' OR ');
      const values = orphans.flatMap((x) => [x.subject_type, x.subject_id].filter((v) => v !== null));
      return read(bySubject, `community_id = ? AND verb IN (${list(ENDORSE_VERBS)}) AND (${which}) AND ${anyOf(credited)}`, [communityId, ...ENDORSE_VERBS, ...values, ...credited]);
    })(),
    read(byVerb, `community_id = ? AND verb IN (${list(OTHER_CREDIT_VERBS)}) AND ${anyOf(credited)}`, [communityId, ...OTHER_CREDIT_VERBS, ...credited]),
    read(byVerb, `community_id = ? AND verb IN (${list(MEETING_VERBS)}) AND ${anyOf(attended)}`, [communityId, ...MEETING_VERBS, ...attended]),
    read(byVerb, `community_id = ? AND verb IN (${list(DELETE_VERBS)})`, [communityId, ...DELETE_VERBS]),
  ]);
  const byId = new Map(parts.flat().map((r) => [Number(r.id), r]));
  const rows = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  const memberOfUser = (userId: number) => (userId === member.userId ? member.id : undefined);
  return rows
    .map((r) => toScoring({ id: Number(r.id), communityId, userId: null, membershipId: r.membership_id === null ? null : Number(r.membership_id), verb: r.verb, subjectType: r.subject_type, subjectId: r.subject_id === null ? null : Number(r.subject_id), data: r.data, createdAt: r.created_at as Date }, memberOfUser))
    .filter((a) => (DELETE_VERBS as readonly string[]).includes(a.verb) || beneficiary(a) === membershipId);
}

interface RawActivity {
  id: number;
  verb: string;
  membership_id: number | null;
  subject_type: string | null;
  subject_id: number | null;
  data: string | null;
  created_at: Date | string;
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

/** Adjustments of one member, of some members, or of every member of the community. */
export async function adjustmentsOf(communityId: number, membershipId?: number | number[], transaction?: Transaction): Promise<Map<number, ScoringAdjustment[]>> {
  const rows = await ScoreAdjustment.findAll({ where: { communityId, ...(membershipId !== undefined ? { membershipId } : {}) }, order: [['id', 'ASC']], transaction });
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
