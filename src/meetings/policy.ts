import type { RoleHolder } from '../kernel/actor';

interface MeetingSubject {
  createdBy: number | null;
  status: string;
  startsAt: Date;
  durationMinutes: number;
}

/** Members may check in from 15 minutes before the start to the end of the meeting. */
export const CHECKIN_EARLY_MINUTES = 15;

const contributes = (role: RoleHolder['role']) => role !== null && role !== 'observer';
const endOf = (m: MeetingSubject) => m.startsAt.getTime() + m.durationMinutes * 60_000;

/** Who may do what with meetings. Pure: (role, meeting, own membership id, now) → boolean. */
export const meetingPolicy = {
  schedule: ({ role }: RoleHolder) => contributes(role),
  /** Answering and checking in: any contributing member (whether the meeting is open to it is the command's to say). */
  attend: ({ role }: RoleHolder) => contributes(role),
  /** Only a facilitator confirms attendance (whether the meeting has started is the command's to say). */
  confirmer: ({ role }: RoleHolder) => role === 'facilitator',
  rsvp: ({ role }: RoleHolder, m: MeetingSubject, now: Date) => contributes(role) && m.status === 'scheduled' && endOf(m) > now.getTime(),
  checkIn: ({ role }: RoleHolder, m: MeetingSubject, now: Date) =>
    contributes(role) && m.status === 'scheduled' && now.getTime() >= m.startsAt.getTime() - CHECKIN_EARLY_MINUTES * 60_000 && now.getTime() <= endOf(m),
  /** The person who scheduled it, or a facilitator. */
  manage: ({ role }: RoleHolder, m: MeetingSubject, membershipId: number) => role === 'facilitator' || (contributes(role) && m.createdBy === membershipId),
  writeMinutes: ({ role }: RoleHolder, m: MeetingSubject, membershipId: number, now: Date) =>
    meetingPolicy.manage({ role }, m, membershipId) && m.status === 'scheduled' && m.startsAt.getTime() <= now.getTime(),
  /** Attendance feeds PD hours: only a facilitator confirms it, once the meeting has started. */
  confirmAttendance: ({ role }: RoleHolder, m: MeetingSubject, now: Date) => role === 'facilitator' && m.status === 'scheduled' && m.startsAt.getTime() <= now.getTime(),
};

export type MeetingCan = { rsvp: boolean; checkIn: boolean; manage: boolean; writeMinutes: boolean; confirmAttendance: boolean };

export function meetingCan(holder: RoleHolder, m: MeetingSubject, membershipId: number, now = new Date()): MeetingCan {
  return {
    rsvp: meetingPolicy.rsvp(holder, m, now),
    checkIn: meetingPolicy.checkIn(holder, m, now),
    manage: meetingPolicy.manage(holder, m, membershipId),
    writeMinutes: meetingPolicy.writeMinutes(holder, m, membershipId, now),
    confirmAttendance: meetingPolicy.confirmAttendance(holder, m, now),
  };
}
