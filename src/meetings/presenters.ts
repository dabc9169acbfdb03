import { Op } from 'sequelize';
import { Meeting, AgendaItem, Rsvp, Attendance } from './model';
import { meetingCan } from './policy';
import { formatInZone, formatEndInZone } from '../content/time';
import { renderMarkdown } from '../content/document-markdown';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

interface View {
  zone: string;
  lang: 'fr' | 'en';
  url: Url;
}

/** The addresses of the meetings pages of a community (list, schedule form, calendar, time zone). */
export function meetingsLinks(communityId: number, url: Url) {
  const base = `/c/${communityId}/meetings`;
  return { list: url(base), schedule: url(base), new: url(`${base}/new`), calendar: url(`${base}/calendar.ics`), timeZone: url(`${base}/timezone`), profile: url(`/c/${communityId}/profile`) };
}

/** The addresses of one meeting's page and of the forms it shows. */
export function meetingLinks(m: Pick<Meeting, 'id' | 'communityId'>, url: Url) {
  const base = `/c/${m.communityId}/meetings/${m.id}`;
  return {
    show: url(base), list: url(`/c/${m.communityId}/meetings`), ics: url(`${base}/ics`), rsvp: url(`${base}/rsvp`), checkIn: url(`${base}/checkin`),
    attendance: url(`${base}/attendance`), minutes: url(`${base}/minutes`), recording: url(`${base}/recording`), cancel: url(`${base}/cancel`),
  };
}

/** Where an agenda item leads: its problem or proposal page, or nowhere for a free topic. */
function agendaHref(communityId: number, a: AgendaItem, url: Url): string | null {
  if (a.kind === 'problem' && a.refId) return url(`/c/${communityId}/problems/${a.refId}`);
  if (a.kind === 'proposal' && a.refId) return url(`/c/${communityId}/proposals/${a.refId}`);
  return null;
}

/** A meeting in a list. */
export function meetingSummary(m: Meeting, v: View) {
  return { id: m.id, href: v.url(`/c/${m.communityId}/meetings/${m.id}`), title: m.title, mode: m.mode, status: m.status, when: formatInZone(m.startsAt, v.zone, v.lang), startsIso: m.startsAt.toISOString(), durationMinutes: m.durationMinutes, recurring: m.seriesId !== null };
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
    agenda: agenda.map((a) => ({ kind: a.kind, refId: a.refId, title: a.title, href: agendaHref(m.communityId, a, v.url) })),
    links: meetingLinks(m, v.url),
    rsvpCounts: counts,
    myRsvp: rsvps.find((r) => r.membershipId === actor.membershipId)?.response ?? null,
    checkedIn: Boolean(mine?.checkedInAt),
    myAttendance: mine && mine.status !== 'pending' ? { status: mine.status, minutes: mine.minutes ?? 0 } : null,
    minutesHtml: m.minutesHtml,
    minutesMd: m.minutesMd ?? '',
    can: meetingCan(actor, m, actor.membershipId, now),
  };
}
