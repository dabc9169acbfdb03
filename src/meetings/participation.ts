import { UniqueConstraintError, type Transaction } from 'sequelize';
import { Meeting, Rsvp, Attendance, type RsvpResponse } from './model';
import { meetingPolicy } from './policy';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

/** Answer (or change the answer to) a meeting invitation (the route has checked the actor may attend); one RSVP per member, settled by a unique key. */
export async function rsvpMeeting(actor: Actor, meeting: Meeting, response: RsvpResponse, transaction: Transaction, now = new Date()): Promise<void> {
  if (!meetingPolicy.rsvp(actor, meeting, now)) throw new DomainError('conflict', 'meetings.errors.rsvp_closed');
  await Rsvp.upsert({ meetingId: meeting.id, membershipId: actor.membershipId, response }, { transaction, conflictFields: ['meeting_id', 'membership_id'] } as Parameters<typeof Rsvp.upsert>[1]);
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.rsvp', subject: { type: 'meeting', id: meeting.id }, data: { response } },
    transaction,
  );
}

/**
 * Check in during the meeting window (15 minutes before the start to its end). Checking in twice
 * is harmless. The check-in is a claim; a facilitator confirms attendance (and the minutes) afterwards.
 */
export async function checkIn(actor: Actor, meeting: Meeting, transaction: Transaction, now = new Date()): Promise<{ created: boolean }> {
  if (!meetingPolicy.checkIn(actor, meeting, now)) throw new DomainError('conflict', 'meetings.errors.checkin_window');
  const existing = await Attendance.findOne({ where: { meetingId: meeting.id, membershipId: actor.membershipId }, transaction });
  if (existing?.checkedInAt) return { created: false };
  try {
    if (existing) await existing.update({ checkedInAt: now }, { transaction });
    else await Attendance.create({ communityId: meeting.communityId, meetingId: meeting.id, membershipId: actor.membershipId, checkedInAt: now, status: 'pending' }, { transaction });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return { created: false };
    throw err;
  }
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.checkin', subject: { type: 'meeting', id: meeting.id } },
    transaction,
  );
  return { created: true };
}
