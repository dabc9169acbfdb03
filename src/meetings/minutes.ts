import type { Transaction } from 'sequelize';
import { Meeting } from './model';
import { meetingPolicy } from './policy';
import { renderMarkdown } from '../content/document-markdown';
import { recordActivity } from '../activity/model';
import { notifyMeetingCancelled } from './notifications';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

/**
 * Write (or correct) the minutes after the meeting started (its manager: the route checks it): Markdown kept as written and
 * sanitized HTML for display. `minutes_thread_id` stays null until discussions exist; the minutes
 * will then also open a thread linked to the meeting.
 */
export async function writeMinutes(actor: Actor, meeting: Meeting, markdown: string, transaction: Transaction, now = new Date()): Promise<void> {
  if (!meetingPolicy.writeMinutes(actor, meeting, actor.membershipId, now)) throw new DomainError('conflict', 'meetings.errors.not_started');
  const first = !meeting.minutesMd;
  await meeting.update({ minutesMd: markdown, minutesHtml: renderMarkdown(markdown), minutesBy: actor.membershipId, minutesAt: now }, { transaction });
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.minutes', subject: { type: 'meeting', id: meeting.id }, data: { first } },
    transaction,
  );
}

/**
 * Cancel a meeting (the person who scheduled it, or a facilitator: the route checks it). The row stays, marked
 * cancelled, and its ICS says so; the members expected there are told. The conditional UPDATE
 * (`WHERE status = 'scheduled'`) is the claim: two cancels at once notify once.
 */
export async function cancelMeeting(actor: Actor, meeting: Meeting, transaction: Transaction, now = new Date()): Promise<void> {
  if (meeting.status === 'cancelled') return;
  const [claimed] = await Meeting.update({ status: 'cancelled' }, { where: { id: meeting.id, status: 'scheduled' }, transaction });
  if (claimed !== 1) return;
  meeting.set('status', 'cancelled');
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.cancel', subject: { type: 'meeting', id: meeting.id } },
    transaction,
  );
  await notifyMeetingCancelled(meeting, actor.membershipId, transaction, now);
}
