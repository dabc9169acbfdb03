import type { Transaction } from 'sequelize';
import { Rsvp, type Meeting } from './model';
import { activeMemberIds } from '../governance/recipients';
import { notify } from '../notifications/service';

/** The meeting's page, inside its community (every meeting notification links there). */
export function meetingPath(m: Pick<Meeting, 'communityId' | 'id'>): string {
  return `/c/${m.communityId}/meetings/${m.id}`;
}

const endOf = (m: Meeting) => m.startsAt.getTime() + m.durationMinutes * 60_000;

/**
 * `meeting.scheduled`, in the scheduling transaction: active members who can take part
 * (observers cannot RSVP or check in), except the organiser. A recurring series is ONE
 * notification (context `weekly`/`monthly`, with the number of occurrences), pointing at the
 * first occurrence not over yet; a meeting recorded after it ended (allowed, for its
 * attendance) notifies nobody.
 */
export async function notifyMeetingScheduled(meetings: Meeting[], transaction: Transaction, now = new Date()): Promise<number> {
  const next = meetings.find((m) => endOf(m) > now.getTime());
  if (!next) return 0;
  const series: Record<string, string | number> = meetings.length > 1 ? { context: next.recurrence, occurrences: meetings.length } : {};
  return notify(transaction, {
    communityId: next.communityId,
    recipients: await activeMemberIds(next.communityId, { observers: false }, transaction),
    kind: 'meeting.scheduled',
    actorMembershipId: next.createdBy,
    subject: { type: 'meeting', id: next.id },
    params: { title: next.title, when: next.startsAt.toISOString(), ...series },
    link: meetingPath(next),
  });
}

/**
 * Who is expected at a meeting, for cancellations and "starts soon" reminders: its organiser and
 * the members who answered yes or maybe. When nobody answered yes or maybe (a community that
 * does not use RSVPs), every active member who can take part — otherwise a cancellation would
 * reach no one and people would turn up to a meeting that is not held. Whoever answered no is
 * never on the list (the organiser included).
 */
export async function expectedMemberIds(meeting: Meeting, transaction?: Transaction): Promise<number[]> {
  const rsvps = await Rsvp.findAll({ where: { meetingId: meeting.id }, attributes: ['membershipId', 'response'], transaction });
  const declined = new Set(rsvps.filter((r) => r.response === 'no').map((r) => r.membershipId));
  const coming = rsvps.filter((r) => r.response !== 'no').map((r) => r.membershipId);
  const base = coming.length > 0 ? coming : await activeMemberIds(meeting.communityId, { observers: false }, transaction);
  const organiser = meeting.createdBy ? [meeting.createdBy] : [];
  return [...new Set([...organiser, ...base])].filter((id) => !declined.has(id));
}

/**
 * `meeting.changed` when a meeting is cancelled (context `cancelled`), in the cancelling
 * transaction, to the members expected there (see expectedMemberIds), never the person who
 * cancelled. Cancelling a meeting that is already over (tidying up) tells no one.
 */
export async function notifyMeetingCancelled(meeting: Meeting, actorMembershipId: number, transaction: Transaction, now = new Date()): Promise<number> {
  if (endOf(meeting) <= now.getTime()) return 0;
  return notify(transaction, {
    communityId: meeting.communityId,
    recipients: await expectedMemberIds(meeting, transaction),
    kind: 'meeting.changed',
    actorMembershipId,
    subject: { type: 'meeting', id: meeting.id },
    params: { title: meeting.title, when: meeting.startsAt.toISOString(), context: 'cancelled' },
    link: meetingPath(meeting),
  });
}

