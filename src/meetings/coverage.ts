/** Who is told of meetings: their rows of the notification table (notifications/coverage.ts). */
import type { CoverageRow, Delivery, EventFacts } from '../notifications/coverage';
import { num } from '../notifications/coverage';
import { Meeting } from './model';

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

export const meetingCoverage: readonly CoverageRow[] = [
  { event: 'meeting.schedule', kind: 'meeting.scheduled', audience: 'members', sentBy: 'src/meetings/notifications.ts' },
  { event: 'meeting.cancel', kind: 'meeting.changed', context: 'cancelled', audience: 'members who did not decline', sentBy: 'src/meetings/notifications.ts' },
  { event: 'job: meeting starting', kind: 'meeting.starting', audience: 'members who said yes or maybe', sentBy: 'src/meetings/starting-soon.ts' },
  { event: 'meeting.attended', kind: 'meeting.attendance', audience: 'the attendee', sentBy: 'listener', resolve: attendance },
];
