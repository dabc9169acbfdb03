/**
 * Where the facilitator's to-do comes from (issue 19): one small query per kind of waiting work,
 * each returning entries with a stable key (a snooze or "done" is kept per key; a key changes
 * when new work arrives, e.g. a new declaration), the path of the action that settles it, and
 * since when it waits. Plain data: the view builds URLs and words.
 */
import { Op, literal } from 'sequelize';
import { Membership } from '../kernel/community';
import { PdEntry } from '../pd/model';
import { Meeting, Attendance } from '../meetings/model';
import { Problem } from '../problems/model';
import { Thread } from '../discussions/model';
import { Proposal } from '../governance/model';
import { Mentorship } from '../mentoring/model';
import { CharterAcknowledgement } from '../charter/model';
import { currentCharter } from '../charter/service';
import { RosterSync } from '../lms/model';
import { ScoreOutbox } from '../gradebook/model';
import { flaggedPosts } from '../discussions/flags';

export type TodoKind = 'pd' | 'attendance' | 'flag' | 'problem' | 'thread' | 'newcomer' | 'proposal' | 'roster' | 'grades';

export interface TodoEntry {
  key: string;
  kind: TodoKind;
  /** Catalog parameters (title, count, name…). */
  params: Record<string, string | number>;
  /** A variant of the entry's text (i18next context), e.g. what a newcomer still lacks. */
  context?: string;
  path: string;
  query?: Record<string, string | number>;
  since: Date;
}

/** Help requests and threads wait this long for a first answer before they reach the to-do. */
export const UNANSWERED_AFTER_MS = 48 * 3600_000;
/** Proposals closing within this delay. */
export const CLOSING_WITHIN_MS = 48 * 3600_000;
/** Older work is out of the to-do's reach (the pages list it): newcomers, meetings, threads of the last 30 days. */
const HORIZON_MS = 30 * 24 * 3600_000;
/** At most this many entries of one kind. */
const PER_KIND = 5;

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** PD-hours declarations waiting for a decision: one entry (keyed on the newest, so a new one brings it back). */
export async function pdDeclarations(cid: number): Promise<TodoEntry[]> {
  const rows = await PdEntry.findAll({ where: { communityId: cid, source: 'declared', status: 'pending' }, attributes: ['id', 'updatedAt'], order: [['id', 'DESC']] });
  if (rows.length === 0) return [];
  const since = rows.reduce((d, r) => (r.updatedAt < d ? r.updatedAt : d), rows[0].updatedAt);
  return [{ key: `pd:${rows[0].id}`, kind: 'pd', params: { count: rows.length }, path: `/c/${cid}/pd`, since }];
}

/** Meetings that took place (last 30 days) and whose attendance nobody recorded yet. */
export async function attendanceToRecord(cid: number, now: Date): Promise<TodoEntry[]> {
  const meetings = await Meeting.findAll({
    where: {
      communityId: cid,
      status: 'scheduled',
      startsAt: { [Op.gte]: ago(now, HORIZON_MS), [Op.lte]: now },
      id: { [Op.notIn]: literal(`(SELECT meeting_id FROM attendances WHERE community_id = ${Number(cid)} AND confirmed_at IS NOT NULL)`) },
    },
    order: [['startsAt', 'DESC']],
    limit: PER_KIND,
  });
  return meetings
    .filter((m) => m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime())
    .map((m) => ({ key: `attendance:${m.id}`, kind: 'attendance' as const, params: { title: m.title }, path: `/c/${cid}/meetings/${m.id}/attendance`, since: new Date(m.startsAt.getTime() + m.durationMinutes * 60_000) }));
}

/** Posts members flagged, not settled yet. */
export async function flags(cid: number): Promise<TodoEntry[]> {
  return (await flaggedPosts(cid, PER_KIND)).map((f) => ({ key: `flag:${f.postId}:${f.latestId}`, kind: 'flag' as const, params: { count: f.flags }, path: `/c/${cid}/posts/${f.postId}/moderate`, since: f.since }));
}

/** Help requests still without a lead 48 hours after they were asked. */
export async function problemsWithoutLead(cid: number, now: Date): Promise<TodoEntry[]> {
  const rows = await Problem.findAll({ where: { communityId: cid, status: 'open', createdAt: { [Op.lte]: ago(now, UNANSWERED_AFTER_MS) } }, order: [['createdAt', 'ASC']], limit: PER_KIND });
  const titles = await titlesOf(rows.map((p) => p.threadId));
  return rows.map((p) => ({ key: `problem:${p.id}`, kind: 'problem' as const, params: { title: titles.get(p.threadId) ?? '' }, path: `/c/${cid}/problems/${p.threadId}`, since: p.createdAt }));
}

/** Discussions and knowledge threads without any reply 48 hours after they were opened (last 30 days). */
export async function unansweredThreads(cid: number, now: Date): Promise<TodoEntry[]> {
  const rows = await Thread.findAll({
    where: { communityId: cid, deletedAt: null, visibility: 'community', kind: { [Op.in]: ['discussion', 'knowledge'] }, replyCount: 0, createdAt: { [Op.between]: [ago(now, HORIZON_MS), ago(now, UNANSWERED_AFTER_MS)] } },
    order: [['createdAt', 'ASC']],
    limit: PER_KIND,
  });
  return rows.map((t) => ({ key: `thread:${t.id}`, kind: 'thread' as const, params: { title: t.title }, path: `/c/${cid}/threads/${t.id}`, since: t.createdAt }));
}

/**
 * Members who joined in the last 30 days and opened CoPeR, still without a mentor or without
 * having acknowledged the current charter (the context says which; both when both).
 */
export async function newcomers(cid: number, now: Date, names: (userIds: number[]) => Promise<Map<number, string>>): Promise<TodoEntry[]> {
  const recent = await Membership.findAll({
    where: { communityId: cid, status: 'active', role: { [Op.in]: ['member'] }, roleOverride: null, lastLaunchAt: { [Op.ne]: null }, createdAt: { [Op.gte]: ago(now, HORIZON_MS) } },
    order: [['createdAt', 'ASC']],
    limit: 50,
  });
  if (recent.length === 0) return [];
  const ids = recent.map((m) => m.id);
  const charter = await currentCharter(cid);
  const [paired, acknowledged] = await Promise.all([
    Mentorship.findAll({ where: { communityId: cid, menteeId: { [Op.in]: ids }, status: { [Op.in]: ['requested', 'active'] } }, attributes: ['menteeId'] }),
    charter ? CharterAcknowledgement.findAll({ where: { charterVersionId: charter.id, membershipId: { [Op.in]: ids } }, attributes: ['membershipId'] }) : Promise.resolve([]),
  ]);
  const hasMentor = new Set(paired.map((p) => p.menteeId));
  const hasRead = new Set(acknowledged.map((a) => a.membershipId));
  const waiting = recent.filter((m) => !hasMentor.has(m.id) || (charter && !hasRead.has(m.id))).slice(0, PER_KIND);
  const named = await names(waiting.map((m) => m.userId));
  return waiting.map((m) => {
    const noMentor = !hasMentor.has(m.id);
    const noCharter = !!charter && !hasRead.has(m.id);
    const context = noMentor && noCharter ? 'both' : noMentor ? 'mentor' : 'charter';
    return {
      key: `newcomer:${m.id}:${context}${charter ? `:${charter.id}` : ''}`,
      kind: 'newcomer' as const,
      context,
      params: { name: named.get(m.userId) ?? '' },
      path: noMentor ? `/c/${cid}/mentoring/new` : `/c/${cid}/people/${m.id}`,
      query: noMentor ? { mentee: m.id } : undefined,
      since: m.createdAt,
    };
  });
}

/** Open proposals whose vote closes within 48 hours. */
export async function proposalsClosing(cid: number, now: Date): Promise<TodoEntry[]> {
  const rows = await Proposal.findAll({ where: { communityId: cid, status: 'open', deadline: { [Op.lte]: new Date(now.getTime() + CLOSING_WITHIN_MS) } }, order: [['deadline', 'ASC']], limit: PER_KIND });
  return rows.map((p) => ({ key: `proposal:${p.id}`, kind: 'proposal' as const, params: { title: p.title }, path: `/c/${cid}/proposals/${p.id}`, since: p.deadline }));
}

/** Roster syncs that failed or stopped, and grades the LMS refused for good. */
export async function syncFailures(cid: number): Promise<TodoEntry[]> {
  const [rosters, grades] = await Promise.all([
    RosterSync.findAll({ where: { communityId: cid, state: { [Op.in]: ['failed', 'stopped'] } }, attributes: ['cohortId', 'finishedAt', 'state'] }),
    ScoreOutbox.findAll({ where: { communityId: cid, status: 'failed' }, attributes: ['id', 'createdAt'], order: [['id', 'DESC']], limit: 100 }),
  ]);
  const out: TodoEntry[] = rosters.map((r) => ({ key: `roster:${r.cohortId}:${r.finishedAt?.getTime() ?? 0}`, kind: 'roster' as const, context: r.state, params: {}, path: `/c/${cid}/members`, since: r.finishedAt ?? new Date(0) }));
  if (grades.length) out.push({ key: `grades:${grades[0].id}`, kind: 'grades', params: { count: grades.length }, path: `/c/${cid}/participation/sync`, since: grades[grades.length - 1].createdAt });
  return out;
}

async function titlesOf(threadIds: number[]): Promise<Map<number, string>> {
  if (threadIds.length === 0) return new Map();
  const rows = await Thread.findAll({ where: { id: { [Op.in]: threadIds } }, attributes: ['id', 'title'] });
  return new Map(rows.map((t) => [t.id, t.title]));
}
