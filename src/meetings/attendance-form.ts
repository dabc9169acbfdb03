import type { Meeting, AttendanceStatus, RsvpResponse } from './model';
import type { attendanceRoster } from './attendance';

/** A row's status in the form: a recorded one, or "not recorded" (nothing is written for it). */
export type FormStatus = Exclude<AttendanceStatus, 'pending'> | 'not_recorded';
export const FORM_STATUSES: FormStatus[] = ['not_recorded', 'attended', 'excused', 'absent'];

/**
 * The attendance form's rows (issue 19). Nobody is presumed absent: a member without a confirmed
 * attendance is "not recorded", unless they checked in (attended) or — with the "everyone who
 * said yes" preset — answered yes. Minutes are pre-filled with the meeting's length only for
 * those shown as attended; a confirmed attendance keeps its recorded status and minutes.
 */
export function attendanceFormRows(roster: Awaited<ReturnType<typeof attendanceRoster>>, meeting: Pick<Meeting, 'durationMinutes'>, preset: 'yes' | null) {
  return roster.map((x) => {
    const recorded = x.attendance && x.attendance.status !== 'pending' ? x.attendance.status : null;
    const status: FormStatus = recorded ?? (x.attendance?.checkedInAt || (preset === 'yes' && x.rsvp === 'yes') ? 'attended' : 'not_recorded');
    const minutes = status !== 'attended' ? null : recorded === 'attended' ? (x.attendance!.minutes ?? meeting.durationMinutes) : meeting.durationMinutes;
    return { membershipId: x.membershipId, name: x.name, rsvp: x.rsvp as RsvpResponse | null, checkedIn: Boolean(x.attendance?.checkedInAt), status, minutes };
  });
}
