import { Op, type Transaction } from 'sequelize';
import { Meeting, Attendance, Rsvp, type AttendanceStatus } from './model';
import { meetingPolicy } from './policy';
import { Membership, effectiveRole } from '../kernel/community';
import { User, displayName } from '../users/model';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

export interface AttendanceRow {
  membershipId: number;
  status: Exclude<AttendanceStatus, 'pending'>;
  /** Minutes attended; null = the whole meeting (attended) or 0 (excused, absent). */
  minutes: number | null;
}

/** Who the facilitator confirms: the roster (active and invited, observers excepted) plus anyone who checked in or answered. */
export async function attendanceRoster(meeting: Meeting, transaction?: Transaction) {
  const [attendances, rsvps] = await Promise.all([
    Attendance.findAll({ where: { meetingId: meeting.id }, transaction }),
    Rsvp.findAll({ where: { meetingId: meeting.id }, transaction }),
  ]);
  const involved = new Set([...attendances.map((a) => a.membershipId), ...rsvps.map((r) => r.membershipId)]);
  const members = await Membership.findAll({
    where: { communityId: meeting.communityId, [Op.or]: [{ status: { [Op.in]: ['active', 'invited'] } }, { id: [...involved] }] },
    include: [{ model: User, as: 'user' }],
    order: [['id', 'ASC']],
    transaction,
  });
  const att = new Map(attendances.map((a) => [a.membershipId, a]));
  const rsvp = new Map(rsvps.map((r) => [r.membershipId, r.response]));
  return members
    .filter((m) => effectiveRole(m) !== 'observer' || involved.has(m.id))
    .map((m) => ({ membershipId: m.id, name: m.user ? displayName(m.user) : `#${m.id}`, attendance: att.get(m.id) ?? null, rsvp: rsvp.get(m.id) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Attendance is confirmed once the meeting has started, and never for a cancelled one (the route has checked the confirmer). */
function assertOpen(meeting: Meeting, now: Date) {
  if (!meetingPolicy.confirmAttendance({ role: 'facilitator' }, meeting, now)) throw new DomainError('conflict', 'meetings.errors.not_started');
}

/** The attendance sheet of a meeting that has started: its roster. */
export async function attendanceSheet(meeting: Meeting, now = new Date()) {
  assertOpen(meeting, now);
  return attendanceRoster(meeting);
}

/**
 * A facilitator confirms attendance after the meeting started: attended (with minutes, the
 * meeting's duration by default), excused or absent. Each confirmed attendance writes a
 * `meeting.attended` activity with `data.minutes` for the PD-hours ledger; a later correction
 * writes another one (the ledger takes the latest per attendance id), and turning an
 * attendance into excused/absent writes `meeting.attendance_revoked`. Unchanged rows write nothing.
 */
export async function confirmAttendance(actor: Actor, meeting: Meeting, rows: AttendanceRow[], transaction: Transaction, now = new Date()): Promise<{ attended: number; changed: number }> {
  assertOpen(meeting, now);
  const allowed = new Set((await attendanceRoster(meeting, transaction)).map((r) => r.membershipId));
  if (rows.some((r) => !allowed.has(r.membershipId))) throw new DomainError('invalid', 'meetings.errors.attendance_member');
  let changed = 0;
  for (const row of rows) {
    const minutes = row.status === 'attended' ? Math.min(row.minutes ?? meeting.durationMinutes, meeting.durationMinutes) : 0;
    const existing = await Attendance.findOne({ where: { meetingId: meeting.id, membershipId: row.membershipId }, transaction });
    if (existing && existing.status === row.status && existing.minutes === minutes) continue;
    const wasAttended = existing?.status === 'attended';
    const fields = { status: row.status, minutes, confirmedBy: actor.membershipId, confirmedAt: now };
    const att = existing
      ? await existing.update(fields, { transaction })
      : await Attendance.create({ communityId: meeting.communityId, meetingId: meeting.id, membershipId: row.membershipId, checkedInAt: null, ...fields }, { transaction });
    changed++;
    const member = await Membership.findByPk(row.membershipId, { attributes: ['id', 'userId'], transaction });
    const verb = row.status === 'attended' ? 'meeting.attended' : wasAttended ? 'meeting.attendance_revoked' : null;
    if (verb) {
      await recordActivity(
        { communityId: meeting.communityId, userId: member?.userId ?? null, membershipId: row.membershipId, verb, subject: { type: 'meeting', id: meeting.id }, data: { minutes, attendanceId: att.id, confirmedBy: actor.membershipId } },
        transaction,
      );
    }
  }
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'meeting.attendance_confirm', subject: { type: 'meeting', id: meeting.id }, data: { rows: rows.length, changed } },
    transaction,
  );
  return { attended: rows.filter((r) => r.status === 'attended').length, changed };
}
