import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, forbidden, notFound } from '../kernel/errors';
import { scheduleSchema, rsvpSchema, minutesSchema, timeZoneSchema, attendanceSchema, recordingSchema, idParam } from './schemas';
import { scheduleMeeting } from './schedule';
import { rsvpMeeting, checkIn } from './participation';
import { confirmAttendance, attendanceRoster } from './attendance';
import { attendanceFormRows, FORM_STATUSES } from './attendance-form';
import { writeMinutes, cancelMeeting } from './minutes';
import { meetingEvent, icsFile } from './ics';
import { meetingLists, meetingDetail } from './presenters';
import { meetingPolicy } from './policy';
import { Meeting, AgendaItem } from './model';
import { setUserTimeZone, ownTimeZone, isTimeZone, timeZones, localToUtc, toLocalInput } from '../content/time';
import { Proposal } from '../governance/model';
import { actorOf } from '../kernel/actor';
import { agendaProblemChoices } from '../problems/agenda';
import { retryTransaction } from '../db/retry';
import { currentZone, COMMUNITY_ZONE, pickZone } from '../content/zone';
import { actorOf as memberActor } from '../kernel/actor';
import { meetingRecording, recordingChoices, setRecording } from './recording';

const ctxOf = (req: Request) => req.ctx!;

async function loadMeeting(req: Request): Promise<Meeting> {
  const id = idParam.safeParse(req.params.meetingId);
  if (!id.success) throw notFound();
  const m = await Meeting.findOne({ where: { id: id.data, communityId: ctxOf(req).community!.id } });
  if (!m) throw notFound();
  return m;
}

/** Meetings: list, schedule, RSVP, calendar files, check-in, attendance, minutes, time zone preference. */
export function meetingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const base = '/c/:communityId/meetings';
  const host = new URL(config.PUBLIC_URL).host;
  const tx = <T>(work: (t: import('sequelize').Transaction) => Promise<T>) => retryTransaction(sequelize, work);
  const back = (req: Request, res: Response, m: Meeting, query: Record<string, string> = {}) => res.redirect(303, res.locals.url(`/c/${ctxOf(req).community!.id}/meetings/${m.id}`, query));

  r.get(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const zone = currentZone();
    res.locals.navCurrent = 'meetings';
    res.render('meetings/index', { title: ctx.t('meetings.title'), lists: await meetingLists(ctx.community!.id, { zone, lang: ctx.lang }), zone, canSchedule: meetingPolicy.schedule(ctx.role!) });
  });

  r.get(`${base}/new`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const zone = currentZone();
    const at = typeof req.query.at === 'string' && !Number.isNaN(Date.parse(req.query.at)) ? new Date(req.query.at) : new Date(Date.now() + 7 * 24 * 3600_000);
    await renderScheduleForm(req, res, { title: typeof req.query.title === 'string' ? req.query.title.slice(0, 200) : '', startsAt: toLocalInput(at, zone), durationMinutes: 60, mode: 'remote', recurrence: 'none', occurrences: 4 }, null, 200);
  });

  r.post(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    if (!meetingPolicy.schedule(ctx.role!)) throw forbidden();
    const parsed = scheduleSchema.safeParse(req.body);
    if (!parsed.success) return renderScheduleForm(req, res, req.body, ctx.t(parsed.error.issues[0].message), 400);
    const zone = currentZone();
    const startsAt = localToUtc(parsed.data.startsAt, zone);
    if (!startsAt) return renderScheduleForm(req, res, req.body, ctx.t('meetings.errors.starts_at'), 400);
    const proposalIds = Object.keys(req.body).map((k) => /^agenda_proposal_(\d+)$/.exec(k)?.[1]).filter((x): x is string => Boolean(x)).map(Number);
    const problemIds = Object.keys(req.body).map((k) => /^agenda_problem_(\d+)$/.exec(k)?.[1]).filter((x): x is string => Boolean(x)).map(Number);
    const topics = parsed.data.topics.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 30);
    try {
      const [first] = await tx((t) => scheduleMeeting(actorOf(ctx), { ...parsed.data, startsAt, timeZone: zone, topics, proposalIds, problemIds }, t));
      back(req, res, first);
    } catch (err) {
      if (err instanceof DomainError && err.refusal === 'invalid') return renderScheduleForm(req, res, req.body, ctx.t(err.messageKey), 400);
      throw err;
    }
  });

  r.get(`${base}/calendar.ics`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const meetings = await Meeting.findAll({ where: { communityId: ctx.community!.id }, order: [['startsAt', 'ASC']], limit: 500 });
    const agendas = await AgendaItem.findAll({ where: { meetingId: meetings.map((m) => m.id) }, order: [['position', 'ASC']] });
    const events = meetings.map((m) => meetingEvent(m, agendas.filter((a) => a.meetingId === m.id), { host, meetingUrl: `${config.PUBLIC_URL}/c/${m.communityId}/meetings/${m.id}`, agendaLabel: ctx.t('meetings.agenda') }));
    sendIcs(res, events.length ? icsFile(events) : emptyCalendar(), `coper-${ctx.community!.id}.ics`);
  });

  r.get(`${base}/timezone`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    res.locals.navCurrent = 'timezone';
    const own = await ownTimeZone(ctx.user.id);
    res.render('meetings/timezone', { title: ctx.t('meetings.tz_title'), own, current: currentZone(), zones: timeZones(), communityZone: pickZone(null, ctx.community!.timeZone), followCommunity: COMMUNITY_ZONE, saved: req.query.saved === '1' });
  });

  r.post(`${base}/timezone`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const { timeZone } = timeZoneSchema.parse(req.body);
    // The member's own zone, or back to the community's (README, "Time zones").
    if (timeZone !== COMMUNITY_ZONE && !isTimeZone(timeZone)) throw new DomainError('invalid', 'meetings.errors.time_zone');
    await tx((t) => setUserTimeZone(ctx.user.id, timeZone === COMMUNITY_ZONE ? null : timeZone, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/meetings/timezone`, { saved: '1' }));
  });

  r.get(`${base}/:meetingId`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const m = await loadMeeting(req);
    res.locals.navCurrent = 'meetings';
    const viewer = memberActor(req.ctx);
    const manage = meetingPolicy.manage(ctx.role!, m, viewer.membershipId);
    const recording = { current: await meetingRecording(viewer, m, res.locals.url), choices: manage ? await recordingChoices(viewer) : [] };
    res.render('meetings/show', { title: m.title, m: await meetingDetail(m, actorOf(ctx), { zone: currentZone(), lang: ctx.lang }), recording, notice: typeof req.query.done === 'string' ? req.query.done : '' });
  });

  r.get(`${base}/:meetingId/ics`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const m = await loadMeeting(req);
    const agenda = await AgendaItem.findAll({ where: { meetingId: m.id }, order: [['position', 'ASC']] });
    sendIcs(res, icsFile([meetingEvent(m, agenda, { host, meetingUrl: `${config.PUBLIC_URL}/c/${m.communityId}/meetings/${m.id}`, agendaLabel: ctx.t('meetings.agenda') })]), `meeting-${m.id}.ics`);
  });

  r.post(`${base}/:meetingId/rsvp`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    const { response } = rsvpSchema.parse(req.body);
    await tx((t) => rsvpMeeting(actorOf(ctxOf(req)), m, response, t));
    back(req, res, m, { done: 'rsvp' });
  });

  r.post(`${base}/:meetingId/checkin`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    await tx((t) => checkIn(actorOf(ctxOf(req)), m, t));
    back(req, res, m, { done: 'checkin' });
  });

  r.get(`${base}/:meetingId/attendance`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const m = await loadMeeting(req);
    if (!meetingPolicy.confirmAttendance(ctx.role!, m, new Date())) throw ctx.role === 'facilitator' ? new DomainError('conflict', 'meetings.errors.not_started') : forbidden();
    const roster = await attendanceRoster(m);
    res.locals.navCurrent = 'meetings';
    res.render('meetings/attendance', {
      title: ctx.t('meetings.attendance_title'),
      meeting: { id: m.id, title: m.title, durationMinutes: m.durationMinutes },
      rows: attendanceFormRows(roster, m, req.query.preset === 'yes' ? 'yes' : null),
      statuses: FORM_STATUSES,
      presetHref: res.locals.url(`/c/${m.communityId}/meetings/${m.id}/attendance`, { preset: 'yes' }),
      anyYes: roster.some((x) => x.rsvp === 'yes'),
    });
  });

  r.post(`${base}/:meetingId/attendance`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    const rows = attendanceSchema.parse(req.body);
    await tx((t) => confirmAttendance(actorOf(ctxOf(req)), m, rows, t));
    back(req, res, m, { done: 'attendance' });
  });

  r.post(`${base}/:meetingId/minutes`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    const { minutes } = minutesSchema.parse(req.body);
    await tx((t) => writeMinutes(actorOf(ctxOf(req)), m, minutes, t));
    back(req, res, m, { done: 'minutes' });
  });

  r.post(`${base}/:meetingId/recording`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    const actor = memberActor(req.ctx);
    if (!meetingPolicy.manage(actor.role, m, actor.membershipId)) throw forbidden();
    const { resourceId } = recordingSchema.parse(req.body);
    if (!(await tx((t) => setRecording(actor, m, resourceId, t)))) throw new DomainError('invalid', 'meetings.errors.recording');
    back(req, res, m, { done: 'recording' });
  });

  r.post(`${base}/:meetingId/cancel`, ...guard, async (req, res) => {
    const m = await loadMeeting(req);
    await tx((t) => cancelMeeting(actorOf(ctxOf(req)), m, t));
    back(req, res, m, { done: 'cancel' });
  });

  return r;
}

function sendIcs(res: Response, body: string, filename: string) {
  res.set('Content-Type', 'text/calendar; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

function emptyCalendar(): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:coper/meetings', 'END:VCALENDAR', ''].join('\r\n');
}

async function renderScheduleForm(req: Request, res: Response, values: Record<string, unknown>, error: string | null, status: number) {
  const ctx = ctxOf(req);
  if (!meetingPolicy.schedule(ctx.role!)) throw forbidden();
  const proposals = await Proposal.findAll({ where: { communityId: ctx.community!.id, status: 'open' }, order: [['deadline', 'ASC']], attributes: ['id', 'title'] });
  res.locals.navCurrent = 'meetings';
  res.status(status).render('meetings/new', { title: ctx.t('meetings.new_title'), values, error, zone: currentZone(), proposals: proposals.map((p) => ({ id: p.id, title: p.title })), problems: await agendaProblemChoices(ctx.community!.id) });
}
