/**
 * Who is told of what (issue 19): every event that concerns someone, the notification kind it
 * produces, the template variant, who receives it — in one table. The bell always shows it; an
 * e-mail follows each recipient's preference for the kind (kinds.ts: immediate, daily or weekly
 * digest, off). Rows marked `listener` are delivered here, by an activity listener, inside the
 * transaction of their cause; the others are sent by the feature file named in `sentBy` (their
 * recipients depend on what only that feature knows: mentions, addressees, voters). A test walks
 * the table (test/notifications/coverage.test.ts): each row's event produces its notification.
 */
import { Op, type Transaction } from 'sequelize';
import type { ActivityRow as Activity } from '../activity/listeners';
import { Membership } from '../kernel/community';
import { PdEntry } from '../pd/model';
import { Meeting } from '../meetings/model';
import { Mentorship } from '../mentoring/model';
import { Thread } from '../discussions/model';
import { notify } from './service';
import type { NotificationKind } from './kinds';

/** What an activity row says, parsed once for the resolvers. */
export interface EventFacts {
  activity: Activity;
  data: Record<string, unknown>;
  transaction: Transaction;
}

/** One notification to send: recipients (memberships), who caused it, template values, where it leads. */
export interface Delivery {
  recipients: number[];
  actorMembershipId: number | null;
  params: Record<string, string | number>;
  link: string;
  subject?: { type: string; id: number };
}

export interface CoverageRow {
  /** The activity verb (or, for reminders, the job) that causes it. */
  event: string;
  kind: NotificationKind;
  /** The template variant (notifications.kinds.<kind>_<context>), when not the base one. */
  context?: string;
  /** Who is told, in words. */
  audience: string;
  /** 'listener' (delivered by this module), or the file that calls notify() for this event. */
  sentBy: 'listener' | string;
  /** For listener rows: the delivery, or null when nobody is concerned (e.g. a goal marked undone). */
  resolve?: (f: EventFacts) => Promise<Delivery | null>;
}

/** Active facilitators of a community (co-facilitators included). */
async function facilitators(communityId: number, transaction: Transaction): Promise<number[]> {
  const rows = await Membership.findAll({
    where: { communityId, status: 'active', [Op.or]: [{ roleOverride: 'facilitator' }, { roleOverride: null, role: 'facilitator' }] },
    attributes: ['id'],
    transaction,
  });
  return rows.map((m) => m.id);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

async function pdEntryOf(f: EventFacts): Promise<PdEntry | null> {
  return f.activity.subjectId ? PdEntry.findOne({ where: { id: f.activity.subjectId, communityId: f.activity.communityId }, transaction: f.transaction }) : null;
}

async function pairOf(f: EventFacts): Promise<Mentorship | null> {
  return f.activity.subjectId ? Mentorship.findOne({ where: { id: f.activity.subjectId, communityId: f.activity.communityId }, transaction: f.transaction }) : null;
}

async function threadTitle(f: EventFacts, threadId: unknown): Promise<string> {
  const id = num(threadId);
  const thread = id ? await Thread.findOne({ where: { id, communityId: f.activity.communityId }, attributes: ['title'], transaction: f.transaction }) : null;
  return thread?.title ?? '';
}

/** A declaration (new or sent again) → the community's facilitators, who decide on it. */
const declared = async (f: EventFacts): Promise<Delivery | null> => {
  const entry = await pdEntryOf(f);
  if (!entry) return null;
  const cid = f.activity.communityId;
  return { recipients: await facilitators(cid, f.transaction), actorMembershipId: f.activity.membershipId, params: { title: entry.title }, link: `/c/${cid}/pd`, subject: { type: 'pd_entry', id: entry.id } };
};

/** A facilitator's decision → the member who declared. */
const decided = async (f: EventFacts): Promise<Delivery | null> => {
  const entry = await pdEntryOf(f);
  if (!entry) return null;
  return { recipients: [entry.membershipId], actorMembershipId: f.activity.membershipId, params: { title: entry.title }, link: `/c/${f.activity.communityId}/pd`, subject: { type: 'pd_entry', id: entry.id } };
};

/** The mentor's answer → the mentee. */
const answered = async (f: EventFacts): Promise<Delivery | null> => {
  const pair = await pairOf(f);
  if (!pair) return null;
  return { recipients: [pair.menteeId], actorMembershipId: f.activity.membershipId, params: {}, link: `/c/${f.activity.communityId}/mentoring/${pair.id}`, subject: { type: 'mentorship', id: pair.id } };
};

/** Life in a mentoring pair (a message, a new goal, a check-in) → the other side of the pair. */
const inPair = async (f: EventFacts): Promise<Delivery | null> => {
  if (f.activity.verb === 'mentoring.goal' && f.data.action !== 'add') return null;
  const pair = await pairOf(f);
  if (!pair) return null;
  const other = f.activity.membershipId === pair.mentorId ? pair.menteeId : pair.mentorId;
  return { recipients: [other], actorMembershipId: f.activity.membershipId, params: {}, link: `/c/${f.activity.communityId}/mentoring/${pair.id}`, subject: { type: 'mentorship', id: pair.id } };
};

/** Attendance recorded by a facilitator → the attendee (the hours go to their PD ledger). */
const attendance = async (f: EventFacts): Promise<Delivery | null> => {
  const meetingId = f.activity.subjectId;
  const meeting = meetingId ? await Meeting.findOne({ where: { id: meetingId, communityId: f.activity.communityId }, attributes: ['id', 'title'], transaction: f.transaction }) : null;
  if (!meeting || !f.activity.membershipId) return null;
  return {
    recipients: [f.activity.membershipId],
    actorMembershipId: num(f.data.confirmedBy),
    params: { title: meeting.title, minutes: num(f.data.minutes) ?? 0 },
    link: `/c/${f.activity.communityId}/meetings/${meeting.id}`,
    subject: { type: 'meeting', id: meeting.id },
  };
};

/** A lead accepted as the solution → the lead's author. */
const solutionAccepted = async (f: EventFacts): Promise<Delivery | null> => {
  const author = num(f.data.authorMembershipId);
  const threadId = num(f.data.threadId);
  if (!author || !threadId) return null;
  return { recipients: [author], actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, threadId) }, link: `/c/${f.activity.communityId}/problems/${threadId}`, subject: { type: 'post', id: f.activity.subjectId ?? 0 } };
};

/** A post flagged → the facilitators, who settle it. */
const flagged = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  if (!postId) return null;
  const cid = f.activity.communityId;
  return { recipients: await facilitators(cid, f.transaction), actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, f.data.threadId) }, link: `/c/${cid}/posts/${postId}/moderate`, subject: { type: 'post', id: postId } };
};

/** A post flagged → its author, without saying who flagged it (no actor is kept). */
const flaggedToAuthor = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  const authorUser = num(f.data.postAuthorId);
  if (!postId || !authorUser) return null;
  const cid = f.activity.communityId;
  const author = await Membership.findOne({ where: { communityId: cid, userId: authorUser, status: 'active' }, attributes: ['id'], transaction: f.transaction });
  if (!author || author.id === f.activity.membershipId) return null;
  return { recipients: [author.id], actorMembershipId: null, params: { title: await threadTitle(f, f.data.threadId) }, link: `/c/${cid}/posts/${postId}`, subject: { type: 'post', id: postId } };
};

/** A post hidden by the facilitators → its author, with the reason. */
const hidden = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  const authorUser = num(f.data.postAuthorId);
  if (!postId || !authorUser) return null;
  const cid = f.activity.communityId;
  const author = await Membership.findOne({ where: { communityId: cid, userId: authorUser, status: 'active' }, attributes: ['id'], transaction: f.transaction });
  if (!author) return null;
  const reason = typeof f.data.reason === 'string' ? f.data.reason : '';
  return { recipients: [author.id], actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, f.data.threadId), reason }, link: `/c/${cid}/posts/${postId}`, subject: { type: 'post', id: postId } };
};

export const COVERAGE: readonly CoverageRow[] = [
  // Sharing
  { event: 'post.reply', kind: 'mention', audience: 'members mentioned in the post', sentBy: 'src/discussions/notify.ts' },
  { event: 'post.reply', kind: 'reply', context: 'own', audience: "the thread's author (“your thread”)", sentBy: 'src/discussions/notify.ts' },
  { event: 'post.reply', kind: 'reply', audience: 'members following the thread (“a thread you follow”)', sentBy: 'src/discussions/notify.ts' },
  { event: 'post.flag', kind: 'post.flagged', audience: 'facilitators', sentBy: 'listener', resolve: flagged },
  { event: 'post.flag', kind: 'post.flagged', context: 'own', audience: "the post's author (never who flagged it)", sentBy: 'listener', resolve: flaggedToAuthor },
  { event: 'post.hide', kind: 'post.hidden', audience: "the post's author", sentBy: 'listener', resolve: hidden },
  // Solving
  { event: 'problem.create', kind: 'problem.addressed', audience: 'members the author asked', sentBy: 'src/problems/create.ts' },
  { event: 'problem.create', kind: 'problem.matching', audience: 'members whose expertise matches the tags', sentBy: 'src/problems/create.ts' },
  { event: 'lead.create', kind: 'reply', context: 'lead', audience: "the request's author (“a lead on your request”)", sentBy: 'src/discussions/notify.ts' },
  { event: 'solution.accept', kind: 'problem.accepted', audience: "the lead's author", sentBy: 'listener', resolve: solutionAccepted },
  // Learning: mentoring
  { event: 'mentoring.request', kind: 'mentoring.request', audience: 'the mentor asked', sentBy: 'src/mentoring/service.ts' },
  { event: 'mentoring.accept', kind: 'mentoring.answered', context: 'accepted', audience: 'the mentee', sentBy: 'listener', resolve: answered },
  { event: 'mentoring.decline', kind: 'mentoring.answered', context: 'declined', audience: 'the mentee', sentBy: 'listener', resolve: answered },
  { event: 'mentoring.message', kind: 'mentoring.activity', context: 'message', audience: 'the other side of the pair', sentBy: 'listener', resolve: inPair },
  { event: 'mentoring.goal', kind: 'mentoring.activity', context: 'goal', audience: 'the other side of the pair (a new goal)', sentBy: 'listener', resolve: inPair },
  { event: 'mentoring.checkin', kind: 'mentoring.activity', context: 'checkin', audience: 'the other side of the pair', sentBy: 'listener', resolve: inPair },
  // Governance and meetings
  { event: 'proposal.open', kind: 'proposal.opened', audience: 'members who can vote', sentBy: 'src/governance/notifications.ts' },
  { event: 'job: proposal closing', kind: 'proposal.closing', audience: 'members who have not voted yet', sentBy: 'src/governance/closing-soon.ts' },
  { event: 'proposal.decided', kind: 'proposal.decided', audience: 'the whole community', sentBy: 'src/governance/notifications.ts' },
  { event: 'meeting.schedule', kind: 'meeting.scheduled', audience: 'members', sentBy: 'src/meetings/notifications.ts' },
  { event: 'meeting.cancel', kind: 'meeting.changed', context: 'cancelled', audience: 'members who did not decline', sentBy: 'src/meetings/notifications.ts' },
  { event: 'job: meeting starting', kind: 'meeting.starting', audience: 'members who said yes or maybe', sentBy: 'src/meetings/starting-soon.ts' },
  { event: 'meeting.attended', kind: 'meeting.attendance', audience: 'the attendee', sentBy: 'listener', resolve: attendance },
  // Professional development
  { event: 'pd.declare', kind: 'pd.declared', audience: 'facilitators', sentBy: 'listener', resolve: declared },
  { event: 'pd.resubmit', kind: 'pd.declared', context: 'resubmitted', audience: 'facilitators', sentBy: 'listener', resolve: declared },
  { event: 'pd.approve', kind: 'pd.approved', audience: 'the member who declared', sentBy: 'listener', resolve: decided },
  { event: 'pd.return', kind: 'pd.returned', audience: 'the member who declared', sentBy: 'listener', resolve: decided },
];

/** Listener: deliver the rows of this module for the activity's verb. */
export async function notifyForActivity(activity: Activity, transaction: Transaction): Promise<void> {
  const rows = COVERAGE.filter((r) => r.sentBy === 'listener' && r.event === activity.verb);
  if (rows.length === 0) return;
  let data: Record<string, unknown> = {};
  try {
    data = activity.data ? (JSON.parse(activity.data) as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  for (const row of rows) {
    const d = await row.resolve!({ activity, data, transaction });
    if (!d || d.recipients.length === 0) continue;
    await notify(transaction, {
      communityId: activity.communityId,
      recipients: d.recipients,
      kind: row.kind,
      actorMembershipId: d.actorMembershipId,
      subject: d.subject,
      params: row.context ? { ...d.params, context: row.context } : d.params,
      link: d.link,
    });
  }
}

