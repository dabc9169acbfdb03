/**
 * The title and date of a meeting, for its attendance line in the PD ledger. The meetings
 * feature owns the `meetings` table; this reads it when it exists (it may land after this
 * module, or not at all) and otherwise falls back to what the activity row carries.
 */
import type { Transaction } from 'sequelize';
import { Activity } from '../activity/model';

let present: boolean | undefined;

/** Title and calendar day (in the meeting's time zone) of a meeting of this community, if known. */
export async function meetingFacts(communityId: number, meetingId: number, transaction: Transaction): Promise<{ title?: string; date?: string }> {
  const sequelize = Activity.sequelize!;
  present ??= await sequelize.getQueryInterface().tableExists('meetings', { transaction });
  if (!present) return {};
  let m: { title: string; startsAt: string | Date; timeZone: string | null } | undefined;
  try {
    const [rows] = (await sequelize.query('SELECT title, starts_at AS startsAt, time_zone AS timeZone FROM meetings WHERE id = ? AND community_id = ?', {
      replacements: [meetingId, communityId],
      transaction,
    })) as [Array<{ title: string; startsAt: string | Date; timeZone: string | null }>, unknown];
    m = rows[0];
  } catch {
    // A meetings table of another shape: a line titled "#id" and dated by the confirmation is still right.
    return {};
  }
  if (!m) return {};
  const at = new Date(m.startsAt);
  let date: string | undefined;
  try {
    date = Number.isNaN(at.getTime()) ? undefined : new Intl.DateTimeFormat('en-CA', { timeZone: m.timeZone || 'America/Montreal', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    date = undefined;
  }
  return { title: m.title, date };
}
