import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import type { Actor } from '../kernel/actor';
import { scheduleForm, rsvpSchema, minutesSchema, timeZoneSchema, attendanceSchema, recordingSchema } from './schemas';
import { scheduleMeeting } from './schedule';
import { rsvpMeeting, checkIn } from './participation';
import { confirmAttendance, attendanceSheet } from './attendance';
import { attendanceFormRows, FORM_STATUSES } from './attendance-form';
import { writeMinutes, cancelMeeting } from './minutes';
import { meetingEvent, icsFile } from './ics';
import { meetingLists, meetingDetail, meetingLinks, meetingsLinks } from './presenters';
import { meetingPolicy } from './policy';
import { chooseTimeZone } from './time-zone';
import { Meeting, AgendaItem } from './model';
import { ownTimeZone, toLocalInput } from '../content/time';
import { timeZones } from '../kernel/time-zones';
import { Proposal } from '../governance/model';
import { agendaProblemChoices } from '../problems/agenda';
import { currentZone, COMMUNITY_ZONE, pickZone } from '../content/zone';
import { meetingRecording, recordingChoices, setRecording } from './recording';

/** The meeting in the address, of this community, or 404. */
const meeting = (c: MemberContext, req: Request) => Meeting.findOne({ where: { id: idParam(req.params.meetingId), communityId: c.actor.communityId } });
const mayManage = (a: Actor, m: Meeting) => meetingPolicy.manage(a, m, a.membershipId);
const maySchedule = (a: Actor) => meetingPolicy.schedule(a);
const mayAttend = (a: Actor) => meetingPolicy.attend(a);
const confirmsAttendance = (a: Actor) => meetingPolicy.confirmer(a);

/** Meetings: list, schedule, RSVP, calendar files, check-in, attendance, minutes, time zone preference. */
export function meetingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const base = '/c/:communityId/meetings';
  const host = new URL(config.PUBLIC_URL).host;
  const back = (c: MemberContext, res: Response, m: Meeting, done: string) => res.redirect(303, c.url(`/c/${c.actor.communityId}/meetings/${m.id}`, { done }));
  const event = (c: MemberContext, m: Meeting, agenda: AgendaItem[]) => meetingEvent(m, agenda, { host, meetingUrl: `${config.PUBLIC_URL}/c/${m.communityId}/meetings/${m.id}`, agendaLabel: c.t('meetings.agenda') });

  r.get(base, ...guard, route.handle(async ({ actor, lang, t, url }, req, res) => {
    const zone = currentZone();
    res.locals.navCurrent = 'meetings';
    res.render('meetings/index', { title: t('meetings.title'), lists: await meetingLists(actor.communityId, { zone, lang, url }), zone, canSchedule: maySchedule(actor), links: meetingsLinks(actor.communityId, url) });
  }));

  r.get(`${base}/new`, ...guard, route
    .authorize(maySchedule)
    .handle(async (c, req, res) => {
      const at = typeof req.query.at === 'string' && !Number.isNaN(Date.parse(req.query.at)) ? new Date(req.query.at) : new Date(Date.now() + 7 * 24 * 3600_000);
      const title = typeof req.query.title === 'string' ? req.query.title.slice(0, 200) : '';
      await renderScheduleForm(c, res, { title, startsAt: toLocalInput(at, currentZone()), durationMinutes: 60, mode: 'remote', recurrence: 'none', occurrences: 4 }, null);
    }));

  r.post(base, ...guard, route
    .authorize(maySchedule)
    .validate(() => scheduleForm(currentZone()), { invalid: (c, form, req, res) => renderScheduleForm(c, res, form.values, c.t(form.issues[0].message)) })
    // A start out of range or an agenda item gone is shown on the form again, not on an error page.
    .transaction(async (c, t) => (await scheduleMeeting(c.actor, c.input, t))[0], {
      refused: (c, err, req, res) => renderScheduleForm(c, res, req.body, c.t(err.messageKey)),
    })
    .handle(async (c, req, res) => {
      res.redirect(303, c.url(`/c/${c.actor.communityId}/meetings/${c.result.id}`));
    }));

  r.get(`${base}/calendar.ics`, ...guard, route.handle(async (c, req, res) => {
    const meetings = await Meeting.findAll({ where: { communityId: c.actor.communityId }, order: [['startsAt', 'ASC']], limit: 500 });
    const agendas = await AgendaItem.findAll({ where: { meetingId: meetings.map((m) => m.id) }, order: [['position', 'ASC']] });
    const events = meetings.map((m) => event(c, m, agendas.filter((a) => a.meetingId === m.id)));
    sendIcs(res, events.length ? icsFile(events) : emptyCalendar(), `coper-${c.actor.communityId}.ics`);
  }));

  r.get(`${base}/timezone`, ...guard, route.handle(async ({ actor, community, t, url }, req, res) => {
    res.locals.navCurrent = 'timezone';
    const own = await ownTimeZone(actor.userId);
    res.render('meetings/timezone', {
      title: t('meetings.tz_title'), own, current: currentZone(), zones: timeZones(own), communityZone: pickZone(null, community.timeZone), followCommunity: COMMUNITY_ZONE,
      saved: req.query.saved === '1', links: meetingsLinks(actor.communityId, url),
    });
  }));

  r.post(`${base}/timezone`, ...guard, route
    .validate(timeZoneSchema)
    .transaction((c, t) => chooseTimeZone(c.actor, c.input.timeZone, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/meetings/timezone`, { saved: '1' }))));

  r.get(`${base}/:meetingId`, ...guard, route
    .load(meeting)
    .handle(async ({ actor, subject: m, lang, url }, req, res) => {
      res.locals.navCurrent = 'meetings';
      const recording = { current: await meetingRecording(actor, m, url), choices: mayManage(actor, m) ? await recordingChoices(actor) : [] };
      res.render('meetings/show', { title: m.title, m: await meetingDetail(m, actor, { zone: currentZone(), lang, url }), recording, notice: typeof req.query.done === 'string' ? req.query.done : '' });
    }));

  r.get(`${base}/:meetingId/ics`, ...guard, route
    .load(meeting)
    .handle(async (c, req, res) => {
      const agenda = await AgendaItem.findAll({ where: { meetingId: c.subject.id }, order: [['position', 'ASC']] });
      sendIcs(res, icsFile([event(c, c.subject, agenda)]), `meeting-${c.subject.id}.ics`);
    }));

  r.post(`${base}/:meetingId/rsvp`, ...guard, route
    .load(meeting)
    .validate(rsvpSchema)
    .authorize(mayAttend)
    .transaction((c, t) => rsvpMeeting(c.actor, c.subject, c.input.response, t))
    .handle((c, req, res) => back(c, res, c.subject, 'rsvp')));

  r.post(`${base}/:meetingId/checkin`, ...guard, route
    .load(meeting)
    .authorize(mayAttend)
    .transaction((c, t) => checkIn(c.actor, c.subject, t))
    .handle((c, req, res) => back(c, res, c.subject, 'checkin')));

  r.get(`${base}/:meetingId/attendance`, ...guard, route
    .load(meeting)
    .authorize(confirmsAttendance)
    .handle(async ({ subject: m, t, url }, req, res) => {
      const roster = await attendanceSheet(m);
      res.locals.navCurrent = 'meetings';
      res.render('meetings/attendance', {
        title: t('meetings.attendance_title'),
        meeting: { id: m.id, title: m.title, durationMinutes: m.durationMinutes },
        rows: attendanceFormRows(roster, m, req.query.preset === 'yes' ? 'yes' : null),
        statuses: FORM_STATUSES,
        links: { ...meetingLinks(m, url), preset: url(`/c/${m.communityId}/meetings/${m.id}/attendance`, { preset: 'yes' }) },
        anyYes: roster.some((x) => x.rsvp === 'yes'),
      });
    }));

  r.post(`${base}/:meetingId/attendance`, ...guard, route
    .load(meeting)
    .validate(attendanceSchema)
    .authorize(confirmsAttendance)
    .transaction((c, t) => confirmAttendance(c.actor, c.subject, c.input, t))
    .handle((c, req, res) => back(c, res, c.subject, 'attendance')));

  r.post(`${base}/:meetingId/minutes`, ...guard, route
    .load(meeting)
    .validate(minutesSchema)
    .authorize(mayManage)
    .transaction((c, t) => writeMinutes(c.actor, c.subject, c.input.minutes, t))
    .handle((c, req, res) => back(c, res, c.subject, 'minutes')));

  r.post(`${base}/:meetingId/recording`, ...guard, route
    .load(meeting)
    .authorize(mayManage)
    .validate(recordingSchema)
    .transaction((c, t) => setRecording(c.actor, c.subject, c.input.resourceId, t))
    .handle((c, req, res) => back(c, res, c.subject, 'recording')));

  r.post(`${base}/:meetingId/cancel`, ...guard, route
    .load(meeting)
    .authorize(mayManage)
    .transaction((c, t) => cancelMeeting(c.actor, c.subject, t))
    .handle((c, req, res) => back(c, res, c.subject, 'cancel')));

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

/** The schedule form (the route has checked that the actor may schedule). */
async function renderScheduleForm(c: MemberContext, res: Response, values: Record<string, unknown>, error: string | null) {
  const proposals = await Proposal.findAll({ where: { communityId: c.actor.communityId, status: 'open' }, order: [['deadline', 'ASC']], attributes: ['id', 'title'] });
  res.locals.navCurrent = 'meetings';
  res.render('meetings/new', {
    title: c.t('meetings.new_title'), values, error, zone: currentZone(), proposals: proposals.map((p) => ({ id: p.id, title: p.title })),
    problems: await agendaProblemChoices(c.actor.communityId), links: meetingsLinks(c.actor.communityId, c.url),
  });
}
