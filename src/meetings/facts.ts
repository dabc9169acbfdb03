/**
 * What another feature may quote of a meeting (PD's attendance line): its title and the calendar
 * day it was held, in its own time zone. Plain values, so the reader never touches the model.
 */
import type { Transaction } from 'sequelize';
import { Meeting } from './model';

export interface MeetingFacts {
  title: string;
  /** YYYY-MM-DD in the meeting's time zone. */
  date: string;
}

/** The facts of a meeting of this community, or null when it is not one of its meetings. */
export async function meetingFacts(communityId: number, meetingId: number, transaction?: Transaction): Promise<MeetingFacts | null> {
  const m = await Meeting.findOne({ where: { id: meetingId, communityId }, attributes: ['id', 'title', 'startsAt', 'timeZone'], transaction });
  if (!m) return null;
  return { title: m.title, date: dayIn(m.startsAt, m.timeZone) };
}

/** The calendar day of an instant in a zone; a zone the runtime does not know falls back to Montréal's. */
function dayIn(at: Date, zone: string): string {
  const format = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  try {
    return format(zone || 'America/Montreal');
  } catch {
    return format('America/Montreal');
  }
}
