/**
 * The PD-hours ledger's commands. Attendance lines come from the activity log (a facilitator's
 * confirmation writes `meeting.attended`; a correction `meeting.attendance_revoked`), inside the
 * activity's transaction; declared and manual lines come from people. Nothing is deleted: a
 * revoked attendance or a mistaken line is withdrawn with who, when and why.
 */
import type { Actor } from '../kernel/actor';
import type { Transaction } from 'sequelize';
import type { ActivityRow } from '../activity/listeners';
import { recordActivity } from '../activity/model';
import { Community, Membership } from '../kernel/community';
import { DomainError } from '../kernel/errors';
import { enqueueScore, isGradable } from '../gradebook/outbox';
import { meetingFacts } from '../meetings/facts';
import { toScoring } from '../participation/points';
import { rulesOf } from '../participation/rules';
import { ZONE } from '../participation/scoring';
import { MEETING_CATEGORY } from './categories';
import { PdEntry } from './model';

/** What PD reads of the actor (kernel/actor.ts): whose hours, in which community. */
export type PdActor = Pick<Actor, 'communityId' | 'userId' | 'membershipId'>;

/** Queue the PD-hours gradebook column of a member, when the community turned it on. */
export async function queuePdColumn(communityId: number, membershipId: number, cause: string, transaction: Transaction): Promise<void> {
  const [community, member] = await Promise.all([
    Community.findByPk(communityId, { attributes: ['id', 'settings'], transaction }),
    Membership.findOne({ where: { id: membershipId, communityId }, attributes: ['id', 'communityId', 'cohortId', 'userId', 'role', 'status'], transaction }),
  ]);
  if (community && member && isGradable(member) && rulesOf(community.settings).pdColumn) await enqueueScore(member, 'pd_hours', cause, transaction);
}

/** The day the attendance was confirmed, when the meeting itself is not found. */
function confirmedOn(a: ActivityRow): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(a.createdAt);
}

/**
 * Listener: confirmed attendance → an approved line (minutes → hours); a revocation withdraws it.
 * The meetings feature writes both rows on the attendee's membership (the activity row's
 * `membershipId`), with the meeting as subject; the line is titled and dated by the meeting.
 */
export async function applyAttendance(activity: ActivityRow, transaction: Transaction): Promise<void> {
  if (activity.verb !== 'meeting.attended' && activity.verb !== 'meeting.attendance_revoked') return;
  const data = toScoring(activity).data ?? {};
  const meetingId = Number(activity.subjectId);
  if (activity.membershipId === null || activity.subjectType !== 'meeting' || !Number.isSafeInteger(meetingId)) return;
  const member = await Membership.findOne({ where: { id: activity.membershipId, communityId: activity.communityId }, transaction });
  if (!member) return;
  const held = await PdEntry.findOne({ where: { membershipId: member.id, source: 'meeting', evidenceId: meetingId, status: 'approved' }, transaction });
  const minutes = Math.round(Number(data.minutes));
  if (activity.verb === 'meeting.attended' && (!Number.isFinite(minutes) || minutes <= 0 || held?.minutes === minutes)) return;
  const signer = await confirmerOf(activity, data.confirmedBy, transaction);
  if (held) {
    const reason = activity.verb === 'meeting.attended' ? 'corrected' : typeof data.reason === 'string' && data.reason ? data.reason.slice(0, 1000) : 'attendance_revoked';
    await held.update({ status: 'withdrawn', withdrawnBy: signer, withdrawnAt: new Date(), withdrawnReason: reason }, { transaction });
  }
  if (activity.verb === 'meeting.attended') {
    const facts = await meetingFacts(member.communityId, meetingId, transaction);
    await PdEntry.create({
      communityId: member.communityId, cohortId: member.cohortId, membershipId: member.id, userId: member.userId,
      source: 'meeting', category: MEETING_CATEGORY, minutes, date: facts?.date ?? confirmedOn(activity),
      title: (facts?.title ?? `#${meetingId}`).slice(0, 255),
      evidenceType: 'meeting', evidenceId: meetingId, activityId: activity.id, status: 'approved',
      createdBy: signer, reviewedBy: signer, reviewedAt: new Date(),
    }, { transaction });
  }
  if (held || activity.verb === 'meeting.attended') await queuePdColumn(member.communityId, member.id, activity.verb, transaction);
}

/** The user who confirmed (or corrected) the attendance: the facilitator's membership in `data.confirmedBy`, else the row's user. */
async function confirmerOf(activity: ActivityRow, confirmedBy: unknown, transaction: Transaction): Promise<number | null> {
  const id = Number(confirmedBy);
  if (confirmedBy === undefined || confirmedBy === null || !Number.isSafeInteger(id)) return activity.userId;
  const facilitator = await Membership.findOne({ where: { id, communityId: activity.communityId }, attributes: ['id', 'userId'], transaction });
  return facilitator?.userId ?? activity.userId;
}

/** What a member declares, or a facilitator enters by hand. */
export interface PdInput {
  category: string;
  date: string;
  minutes: number;
  title: string;
  description?: string | null;
  evidenceUrl?: string | null;
}

/** A member declares an activity (reading, a practice trial, a peer observation…): pending until a facilitator decides. */
export async function declareActivity(actor: PdActor, member: Membership, input: PdInput, t: Transaction): Promise<PdEntry> {
  const entry = await PdEntry.create({ ...base(member, input), source: 'declared', status: 'pending', createdBy: actor.userId }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'pd.declare', subject: { type: 'pd_entry', id: entry.id }, data: { minutes: input.minutes, category: input.category } }, t);
  return entry;
}

/** The member edits a returned declaration and sends it again. */
export async function resubmitDeclaration(actor: PdActor, entry: PdEntry, input: PdInput, t: Transaction): Promise<void> {
  await entry.update({ ...fields(input), status: 'pending', reviewedBy: null, reviewedAt: null }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'pd.resubmit', subject: { type: 'pd_entry', id: entry.id } }, t);
}

/** A facilitator approves a pending declaration, or returns it with a note saying what to change. */
export async function reviewDeclaration(actor: PdActor, entry: PdEntry, decision: 'approve' | 'return', note: string | null, t: Transaction): Promise<void> {
  await entry.update({ status: decision === 'approve' ? 'approved' : 'returned', reviewedBy: actor.userId, reviewedAt: new Date(), reviewNote: note }, { transaction: t });
  await recordActivity({ ...who(actor), verb: decision === 'approve' ? 'pd.approve' : 'pd.return', subject: { type: 'pd_entry', id: entry.id }, data: { membershipId: entry.membershipId } }, t);
  if (decision === 'approve') await queuePdColumn(entry.communityId, entry.membershipId, 'pd.approve', t);
}

/** A facilitator enters hours by hand for another active member of the community (approved at once, signed by them). */
export async function addManualEntry(actor: PdActor, memberId: number, input: PdInput, t: Transaction): Promise<PdEntry> {
  const member = await Membership.findOne({ where: { id: memberId, communityId: actor.communityId, status: 'active' }, transaction: t });
  // Hours one enters for oneself need another facilitator's eye: declare them instead.
  if (!member || member.id === actor.membershipId) throw new DomainError('invalid', 'pd.errors.member');
  const now = new Date();
  const entry = await PdEntry.create({ ...base(member, input), source: 'manual', status: 'approved', createdBy: actor.userId, reviewedBy: actor.userId, reviewedAt: now }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'pd.manual', subject: { type: 'pd_entry', id: entry.id }, data: { membershipId: member.id, minutes: input.minutes } }, t);
  await queuePdColumn(member.communityId, member.id, 'pd.manual', t);
  return entry;
}

/** Withdraw a line (never delete it): who, when and why stay in the ledger. */
export async function withdrawEntry(actor: PdActor, entry: PdEntry, reason: string, t: Transaction): Promise<void> {
  const wasApproved = entry.status === 'approved';
  await entry.update({ status: 'withdrawn', withdrawnBy: actor.userId, withdrawnAt: new Date(), withdrawnReason: reason }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'pd.withdraw', subject: { type: 'pd_entry', id: entry.id }, data: { membershipId: entry.membershipId } }, t);
  if (wasApproved) await queuePdColumn(entry.communityId, entry.membershipId, 'pd.withdraw', t);
}

function who(actor: PdActor) {
  return { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId };
}

function fields(input: PdInput) {
  return { category: input.category, date: input.date, minutes: input.minutes, title: input.title, description: input.description || null, evidenceType: input.evidenceUrl ? 'url' : null, evidenceUrl: input.evidenceUrl || null };
}

function base(member: Membership, input: PdInput) {
  return { communityId: member.communityId, cohortId: member.cohortId, membershipId: member.id, userId: member.userId, ...fields(input) };
}
