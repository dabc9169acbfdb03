import { Op, type Sequelize } from 'sequelize';
import { Meeting } from './model';
import { expectedMemberIds, meetingPath } from './notifications';
import { notify } from '../notifications/service';
import { retryTransaction } from '../db/retry';

/** The "starts soon" reminder goes out this long before the start (the worker ticks every minute). */
export const STARTING_SOON_MS = 15 * 60_000;

/** Does a meeting starting at `startsAt` already fall inside the reminder window at `now`? */
export function withinStartingWindow(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() <= STARTING_SOON_MS;
}

/**
 * Remind the members expected at one meeting that it starts soon, exactly once. The claim is the
 * atomic `UPDATE meetings SET starting_notified_at = now WHERE id = ? AND starting_notified_at IS
 * NULL AND status = 'scheduled' AND starts_at > now`: with two workers only one UPDATE matches,
 * and the notifications are written in the same transaction (a failure releases the claim).
 * Returns the number notified, or null when another run had it, or it was cancelled or started.
 */
export async function remindStartingMeeting(sequelize: Sequelize, meetingId: number, now = new Date()): Promise<number | null> {
  return retryTransaction(sequelize, async (transaction) => {
    const [claimed] = await Meeting.update(
      { startingNotifiedAt: now },
      { where: { id: meetingId, status: 'scheduled', startingNotifiedAt: null, startsAt: { [Op.gt]: now } }, transaction },
    );
    if (claimed !== 1) return null;
    const meeting = await Meeting.findByPk(meetingId, { transaction, rejectOnEmpty: true });
    return notify(transaction, {
      communityId: meeting.communityId,
      recipients: await expectedMemberIds(meeting, transaction),
      kind: 'meeting.starting',
      actorMembershipId: null,
      subject: { type: 'meeting', id: meeting.id },
      // context `remote` / `in_person`: the sentence says where to go (the place, or the link on the page).
      params: { title: meeting.title, when: meeting.startsAt.toISOString(), context: meeting.mode, ...(meeting.place ? { place: meeting.place } : {}) },
      link: meetingPath(meeting),
    });
  });
}

/**
 * The worker's job (every minute): remind every scheduled meeting starting within 15 minutes.
 * A meeting whose start has passed is skipped (a late reminder is noise); one scheduled less
 * than 15 minutes ahead was marked at scheduling, since its "scheduled" notice just went out.
 */
export async function remindStartingMeetings(sequelize: Sequelize, now = new Date()): Promise<{ reminded: number; notified: number }> {
  const due = await Meeting.findAll({
    where: { status: 'scheduled', startingNotifiedAt: null, startsAt: { [Op.gt]: now, [Op.lte]: new Date(now.getTime() + STARTING_SOON_MS) } },
    attributes: ['id'],
    order: [['startsAt', 'ASC']],
    limit: 200,
  });
  const result = { reminded: 0, notified: 0 };
  for (const { id } of due) {
    const n = await remindStartingMeeting(sequelize, id, now);
    if (n === null) continue;
    result.reminded++;
    result.notified += n;
  }
  return result;
}
