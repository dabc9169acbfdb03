import { Op } from 'sequelize';
import { Meeting, AgendaItem, Rsvp, Attendance } from './model';
import { meetingCan } from './policy';
import { formatInZone, formatEndInZone } from '../content/time';
import { renderMarkdown } from '../content/document-markdown';
import type { Actor } from '../kernel/actor';

interface View {
  zone: string;
  lang: 'fr' | 'en';
}

/** A meeting in a list. */
export function meetingSummary(m: Meeting, v: View) {
  return { id: m.id, title: m.title, mode: m.mode, status: m.status, when: formatInZone(m.startsAt, v.zone, v.lang), startsIso: m.startsAt.toISOString(), durationMinutes: m.durationMinutes, recurring: m.seriesId !== null };
}

/** Upcoming meetings (not ended yet; a meeting lasts at most 12 h), soonest first; then the latest past ones. */
export async function meetingLists(communityId: number, v: View, now = new Date()) {
  const endOf = (m: Meeting) => m.startsAt.getTime() + m.durationMinutes * 60_000;
  const [soon, past] = await Promise.all([
    Meeting.findAll({ where: { communityId, startsAt: { [Op.gte]: new Date(now.getTime() - 12 * 3600_000) } }, order: [['startsAt', 'ASC']], limit: 100 }),
    Meeting.findAll({ where: { communityId, startsAt: { [Op.lt]: now } }, order: [['startsAt', 'DESC']], limit: 30 }),
  ]);
  return {
    upcoming: soon.filter((m) => endOf(m) >= now.getTime()).map((m) => meetingSummary(m, v)),
    past: past.filter((m) => endOf(m) < now.getTime()).map((m) => meetingSummary(m, v)),
  };
}

/** Everything the meeting page shows, as plain data. */
export async function meetingDetail(m: Meeting, actor: Actor, v: View, now = new Date()) {
  const [agenda, rsvps, mine] = await Promise.all([
    AgendaItem.findAll({ where: { meetingId: m.id }, order: [['position', 'ASC']] }),
    Rsvp.findAll({ where: { meetingId: m.id }, attributes: ['membershipId', 'response'] }),
    Attendance.findOne({ where: { meetingId: m.id, membershipId: actor.membershipId } }),
  ]);
  const counts = { yes: 0, maybe: 0, no: 0 };
  for (const r of rsvps) counts[r.response]++;
  return {
    ...meetingSummary(m, v),
    ends: formatEndInZone(m.startsAt, new Date(m.startsAt.getTime() + m.durationMinutes * 60_000), v.zone, v.lang),
    zone: v.zone,
    descriptionHtml: m.description ? renderMarkdown(m.description) : '',
    place: m.place,
    videoUrl: m.videoUrl,
    agenda: agenda.map((a) => ({ kind: a.kind, refId: a.refId, title: a.title })),
    rsvpCounts: counts,
    myRsvp: rsvps.find((r) => r.membershipId === actor.membershipId)?.response ?? null,
    checkedIn: Boolean(mine?.checkedInAt),
    myAttendance: mine && mine.status !== 'pending' ? { status: mine.status, minutes: mine.minutes ?? 0 } : null,
    minutesHtml: m.minutesHtml,
    minutesMd: m.minutesMd ?? '',
    can: meetingCan(actor.role, m, actor.membershipId, now),
  };
}
