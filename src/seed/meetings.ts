/**
 * The meetings seeder: one meeting a month (alternately face to face and by videoconference), the
 * next one still to come; agendas with topics and the proposals open at the time; RSVPs; for past
 * meetings, check-ins, attendance confirmed by the host (what the PD-hours ledger reads) and minutes.
 */
import type { Transaction } from 'sequelize';
import { Meeting, AgendaItem, Rsvp, Attendance } from '../meetings/model';
import { renderMarkdown } from '../content/document-markdown';
import type { Rng } from './random';
import { Authors } from './people';
import { body, fill, lexicon } from './text';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import { singleTransaction } from '../db/retry';

const HOUR = 3600_000;
const DURATION = 90;
const TOPICS = ['Retour sur {topic}', 'Partage d’une pratique : {practice}', 'Questions des nouveaux membres', 'Bilan des ressources du mois'];

interface MeetingPlan {
  id: number;
  host: SeedPerson;
  startsAt: Date;
  scheduledAt: Date;
  remote: boolean;
  past: boolean;
}

/** Wednesday 19:00 Eastern (00:00 UTC Thursday) nearest the given moment. */
function eveningNear(t: Date): Date {
  const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + ((4 - d.getUTCDay() + 7) % 7));
  return d;
}

export async function seedMeetings(ctx: SeedContext): Promise<void> {
  const rng = ctx.rng.derive('meetings');
  const authors = new Authors(ctx.people);
  const hosts = authors.facilitators();
  const past = Math.max(2, Math.round(ctx.options.months));
  // Past meetings are over for three days at least: attendance confirmed, minutes written.
  const starts = Array.from({ length: past }, (_, i) => eveningNear(ctx.timeline.at((i + 0.5) / past))).filter((d) => d.getTime() < ctx.timeline.now.getTime() - 72 * HOUR);
  starts.push(eveningNear(new Date(ctx.timeline.now.getTime() + rng.int(7, 20) * 24 * HOUR)));
  await singleTransaction(ctx.sequelize, async (t) => {
    let id = await ctx.ids.reserve(Meeting, starts.length, t);
    const plans: MeetingPlan[] = starts.map((startsAt, i) => ({
      id: id++, host: hosts[i % hosts.length] ?? authors.pick(rng, startsAt), startsAt, scheduledAt: scheduled(ctx, rng, startsAt),
      remote: i % 2 === 1, past: startsAt < ctx.timeline.now,
    }));
    await insertRows(ctx, Meeting, plans.map((m, i) => meetingRow(ctx, rng.derive('meeting', i), m)), t);
    await insertRows(ctx, AgendaItem, plans.flatMap((m) => agenda(ctx, rng, m)), t);
    for (const [i, m] of plans.entries()) await participation(ctx, rng.derive('participation', i), authors, m, t);
  });
}

/** Scheduled two or three weeks ahead, never before the community began nor after now. */
function scheduled(ctx: SeedContext, rng: Rng, startsAt: Date): Date {
  const t = Math.min(startsAt.getTime() - rng.int(10, 20) * 24 * HOUR, ctx.timeline.now.getTime() - 24 * HOUR);
  return new Date(Math.max(ctx.timeline.start.getTime(), t));
}

function meetingRow(ctx: SeedContext, rng: Rng, m: MeetingPlan): Record<string, unknown> {
  const lex = lexicon(rng, ctx.domain, 'fr');
  const minutes = m.past ? body(rng, 'fr', ctx.domain, 'long', 'Compte rendu : ') : null;
  activity(ctx, { createdAt: m.scheduledAt, ...actor(m.host), verb: 'meeting.schedule', subject: { type: 'meeting', id: m.id }, data: { occurrences: 1, mode: m.remote ? 'remote' : 'in_person' } });
  if (minutes) activity(ctx, { createdAt: new Date(m.startsAt.getTime() + 26 * HOUR), ...actor(m.host), verb: 'meeting.minutes', subject: { type: 'meeting', id: m.id }, data: { first: true } });
  return {
    id: m.id, communityId: ctx.community.id, createdBy: m.host.membershipId, seriesId: null, recurrence: 'none', title: `Rencontre mensuelle — ${fill(rng, '{topic}', lex)}`.slice(0, 200),
    description: `Ordre du jour à compléter. ${fill(rng, 'On parlera surtout de {topic}.', lex)}`, mode: m.remote ? 'remote' : 'in_person', place: m.remote ? null : 'Salle 2.104, pavillon principal',
    videoUrl: m.remote ? `https://visio.example.org/coper-${ctx.community.id}-${m.id}` : null, startsAt: m.startsAt, durationMinutes: DURATION, timeZone: 'America/Toronto', status: 'scheduled',
    minutesMd: minutes, minutesHtml: minutes ? renderMarkdown(minutes) : null, minutesBy: minutes ? m.host.membershipId : null, minutesAt: minutes ? new Date(m.startsAt.getTime() + 26 * HOUR) : null,
    createdAt: m.scheduledAt, updatedAt: m.scheduledAt,
  };
}

/** Topics, then the proposals open when the meeting starts (generic items: kind + ref id + title). */
function agenda(ctx: SeedContext, rng: Rng, m: MeetingPlan): Array<Record<string, unknown>> {
  const lex = lexicon(rng, ctx.domain, 'fr');
  const items: Array<{ kind: string; refId: number | null; title: string }> = rng.sample(TOPICS, rng.int(2, 3)).map((x) => ({ kind: 'topic', refId: null, title: fill(rng, x, lex) }));
  const proposals = (ctx.shared.proposals as Array<{ id: number; title: string; createdAt: Date; deadline: Date }> | undefined) ?? [];
  for (const p of proposals) if (p.createdAt < m.startsAt && p.deadline > m.startsAt) items.push({ kind: 'proposal', refId: p.id, title: p.title });
  return items.map((a, i) => ({ meetingId: m.id, position: i + 1, ...a, createdAt: m.scheduledAt, updatedAt: m.scheduledAt }));
}

/** RSVPs (a few dozen at most), then for a past meeting check-ins and the host's confirmation. */
async function participation(ctx: SeedContext, rng: Rng, authors: Authors, m: MeetingPlan, t: Transaction): Promise<void> {
  const invited = new Map<number, SeedPerson>();
  for (let k = Math.min(60, Math.round(authors.count() * 0.3)); k > 0; k--) {
    const who = authors.pick(rng, m.scheduledAt);
    invited.set(who.membershipId, who);
  }
  const rsvps = [...invited.values()].map((who) => ({ who, response: (['yes', 'maybe', 'no'] as const)[rng.weighted([0.6, 0.25, 0.15])], at: ctx.timeline.moment(rng, m.scheduledAt, m.startsAt < ctx.timeline.now ? m.startsAt : ctx.timeline.now) }));
  await insertRows(ctx, Rsvp, rsvps.map((r) => ({ meetingId: m.id, membershipId: r.who.membershipId, response: r.response, createdAt: r.at, updatedAt: r.at })), t);
  for (const r of rsvps) activity(ctx, { createdAt: r.at, ...actor(r.who), verb: 'meeting.rsvp', subject: { type: 'meeting', id: m.id }, data: { response: r.response } });
  if (!m.past) return;
  const confirmedAt = new Date(m.startsAt.getTime() + (DURATION / 60 + rng.int(1, 48)) * HOUR);
  let attendanceId = await ctx.ids.reserve(Attendance, rsvps.length, t);
  const rows: Array<Record<string, unknown>> = [];
  for (const r of rsvps) {
    const came = rng.chance(r.response === 'yes' ? 0.85 : r.response === 'maybe' ? 0.5 : 0);
    if (!came && r.response !== 'no') continue;
    const status = came ? 'attended' : rng.chance(0.5) ? 'excused' : 'absent';
    const minutes = status === 'attended' ? (rng.chance(0.2) ? DURATION - rng.int(15, 45) : DURATION) : 0;
    const checkedInAt = came && rng.chance(0.7) ? new Date(m.startsAt.getTime() + rng.int(-10, 15) * 60_000) : null;
    const id = attendanceId++;
    rows.push({ id, communityId: ctx.community.id, meetingId: m.id, membershipId: r.who.membershipId, checkedInAt, status, minutes, confirmedBy: m.host.membershipId, confirmedAt, createdAt: checkedInAt ?? confirmedAt, updatedAt: confirmedAt });
    if (checkedInAt) activity(ctx, { createdAt: checkedInAt, ...actor(r.who), verb: 'meeting.checkin', subject: { type: 'meeting', id: m.id } });
    if (status === 'attended') activity(ctx, { createdAt: confirmedAt, ...actor(r.who), verb: 'meeting.attended', subject: { type: 'meeting', id: m.id }, data: { minutes, attendanceId: id, confirmedBy: m.host.membershipId } });
  }
  await insertRows(ctx, Attendance, rows, t);
  activity(ctx, { createdAt: confirmedAt, ...actor(m.host), verb: 'meeting.attendance_confirm', subject: { type: 'meeting', id: m.id }, data: { rows: rows.length, changed: rows.length } });
}
