import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { harness, type Harness } from '../helpers/harness';
import { facilitatedCommunity, launchMember, CHARTER_FORM, localIn, type Member } from '../governance/helpers';
import { parseIcs, icsDate } from './ics-parse';
import { Meeting, AgendaItem, Rsvp, Attendance } from '../../src/meetings/model';
import { UserTimeZone } from '../../src/content/model';
import { Activity } from '../../src/activity/model';
import { PdEntry } from '../../src/pd/model';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { formatInZone } from '../../src/content/time';

const meetingIdOf = (url: string) => Number(/\/meetings\/(\d+)/.exec(url)![1]);
const remote = (over: Record<string, string> = {}) => ({ title: 'Communauté — rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/cop-ens', startsAt: localIn(-20), durationMinutes: '90', recurrence: 'none', ...over });

describe('meetings over HTTP (real launches)', () => {
  let h: Harness;
  let course: string;
  let cid: number;
  let fac: Member;
  let alex: Member; // learner1
  let nadia: Member; // learner3 (Nadia Côté, French) — not learner2: test/lti expects Moodle's learner2 to have no membership
  let chris: Member; // mentor (Chris Lee)
  let ongoing: number; // started 20 minutes ago, lasts 90

  before(async () => {
    h = await harness();
    ({ course, cid, fac, alex, nadia } = await facilitatedCommunity(h));
    chris = await launchMember(h, course, 'mentor');
  });
  // Alex is the harness's shared learner1: the time zone saved below must not follow him into other files.
  after(async () => {
    await UserTimeZone.destroy({ where: { userId: (await Membership.findByPk(await membershipIdOf('Alex Smith')))!.userId } });
  });

  it('validates a meeting without writing: videoconference link must be http(s), face to face needs a place', async () => {
    const before = await Meeting.count({ where: { communityId: cid } });
    const js = await alex.post(`/c/${cid}/meetings`, remote({ videoUrl: 'javascript:alert(1)' }));
    assert.equal(js.status, 400);
    assert.match(js.text, /http:\/\/ or https:\/\//);
    const noPlace = await alex.post(`/c/${cid}/meetings`, remote({ mode: 'in_person', videoUrl: '' }));
    assert.equal(noPlace.status, 400);
    const short = await alex.post(`/c/${cid}/meetings`, remote({ durationMinutes: '5' }));
    assert.equal(short.status, 400);
    assert.equal(await Meeting.count({ where: { communityId: cid } }), before);
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.schedule' } }), 0);
  });

  it('lets a member schedule a meeting with an agenda pulling in open proposals (generic items: kind + id + title)', async () => {
    await fac.post(`/c/${cid}/charter`, CHARTER_FORM);
    const proposal = await fac.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'consent', title: 'Adopt a shared rubric', deadline: localIn(600) });
    const proposalId = Number(/\/proposals\/(\d+)/.exec(proposal.url)![1]);
    const form = await alex.get(`/c/${cid}/meetings/new`);
    assert.match(form.text, new RegExp(`name="agenda_proposal_${proposalId}"`));
    const res = await alex.post(`/c/${cid}/meetings`, remote({ topics: 'Welcome newcomers\nShare a practice', [`agenda_proposal_${proposalId}`]: 'on' }));
    assert.equal(res.status, 200, res.text.slice(0, 300));
    ongoing = meetingIdOf(res.url);
    const agenda = await AgendaItem.findAll({ where: { meetingId: ongoing }, order: [['position', 'ASC']] });
    assert.deepEqual(agenda.map((a) => [a.kind, a.refId, a.title]), [['topic', null, 'Welcome newcomers'], ['topic', null, 'Share a practice'], ['proposal', proposalId, 'Adopt a shared rubric']]);
    assert.match(res.text, new RegExp(`/c/${cid}/proposals/${proposalId}"`));
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.schedule', subjectId: ongoing } }), 1);
    assert.match((await alex.get(`/c/${cid}`)).text, /Communauté — rencontre/, 'the community home shows the next meeting');
  });

  it('schedules a weekly meeting as one row per occurrence, at the same local time each week', async () => {
    const start = DateTime.now().setZone('America/Toronto').plus({ days: 60 }).set({ hour: 13, minute: 0 });
    const res = await fac.post(`/c/${cid}/meetings`, { title: 'Atelier hebdo', mode: 'in_person', place: 'Local B-204', startsAt: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: '60', recurrence: 'weekly', occurrences: '3' });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const first = meetingIdOf(res.url);
    const series = await Meeting.findAll({ where: { seriesId: first }, order: [['startsAt', 'ASC']] });
    const local = series.map((m) => DateTime.fromJSDate(m.startsAt, { zone: 'America/Toronto' }));
    assert.deepEqual(local.map((d) => d.toFormat('yyyy-MM-dd HH:mm')), [0, 7, 14].map((n) => start.plus({ days: n }).toFormat('yyyy-MM-dd HH:mm')));
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.schedule', subjectId: first } }), 1);
  });

  it('records one RSVP per member (changeable), refuses observers, and writes activities', async () => {
    await nadia.post(`/c/${cid}/meetings/${ongoing}/rsvp`, { response: 'yes' });
    const page = await nadia.post(`/c/${cid}/meetings/${ongoing}/rsvp`, { response: 'maybe' });
    assert.equal(page.status, 200);
    assert.equal(await Rsvp.count({ where: { meetingId: ongoing } }), 1);
    assert.equal((await Rsvp.findOne({ where: { meetingId: ongoing } }))!.response, 'maybe');
    assert.equal((await nadia.post(`/c/${cid}/meetings/${ongoing}/rsvp`, { response: 'perhaps' })).status, 400);
    const observer = await launchMember(h, course, 'observer1');
    assert.equal((await observer.post(`/c/${cid}/meetings/${ongoing}/rsvp`, { response: 'yes' })).status, 403);
    assert.equal((await observer.post(`/c/${cid}/meetings/${ongoing}/checkin`)).status, 403);
    assert.equal(await Rsvp.count({ where: { meetingId: ongoing } }), 1);
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.rsvp' } }), 2);
  });

  it('serves an ICS file that parses back to the meeting (UTC start, duration, link, agenda)', async () => {
    const res = await alex.get(`/c/${cid}/meetings/${ongoing}/ics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/calendar/);
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="meeting-\d+\.ics"/);
    const { lines, events } = parseIcs(res.text);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(events.length, 1);
    const e = events[0];
    const m = await Meeting.findByPk(ongoing);
    assert.equal(icsDate(e.DTSTART.value).getTime(), Math.floor(m!.startsAt.getTime() / 1000) * 1000);
    assert.equal(e.DURATION.value, 'PT90M');
    assert.equal(e.SUMMARY.value, 'Communauté — rencontre');
    assert.equal(e.LOCATION.value, 'https://meet.example.org/cop-ens');
    assert.equal(e.STATUS.value, 'CONFIRMED');
    assert.match(e.UID.value, new RegExp(`^coper-meeting-${ongoing}@localhost`));
    assert.match(e.DESCRIPTION.value, /1\. Welcome newcomers\n2\. Share a practice\n3\. Adopt a shared rubric/);
    const all = parseIcs((await alex.get(`/c/${cid}/meetings/calendar.ics`)).text);
    assert.equal(all.events.length, await Meeting.count({ where: { communityId: cid } }));
  });

  it('shows times in the member’s chosen time zone (default America/Toronto) and refuses unknown zones', async () => {
    const m = await Meeting.findByPk(ongoing);
    assert.ok((await alex.get(`/c/${cid}/meetings/${ongoing}`)).text.includes(formatInZone(m!.startsAt, 'America/Toronto', 'en')));
    assert.equal((await alex.post(`/c/${cid}/meetings/timezone`, { timeZone: 'Mars/Olympus' })).status, 400);
    const saved = await alex.post(`/c/${cid}/meetings/timezone`, { timeZone: 'America/Vancouver' });
    assert.match(saved.text, /America\/Vancouver/);
    const alexUser = (await Membership.findByPk(await membershipIdOf('Alex Smith')))!.userId;
    assert.equal((await UserTimeZone.findByPk(alexUser))!.timeZone, 'America/Vancouver');
    const page = await alex.get(`/c/${cid}/meetings/${ongoing}`);
    assert.ok(page.text.includes(formatInZone(m!.startsAt, 'America/Vancouver', 'en')), 'shown in Vancouver time');
  });

  it('opens check-in only during the meeting window; checking in twice is harmless', async () => {
    const future = await fac.post(`/c/${cid}/meetings`, remote({ title: 'Plus tard', startsAt: localIn(3 * 24 * 60) }));
    const futureId = meetingIdOf(future.url);
    const early = await nadia.post(`/c/${cid}/meetings/${futureId}/checkin`);
    assert.equal(early.status, 409);
    assert.equal(await Attendance.count({ where: { meetingId: futureId } }), 0);
    const done = await nadia.post(`/c/${cid}/meetings/${ongoing}/checkin`);
    assert.equal(done.status, 200);
    assert.match(done.text, /data-checked-in/);
    await nadia.post(`/c/${cid}/meetings/${ongoing}/checkin`);
    assert.equal(await Attendance.count({ where: { meetingId: ongoing } }), 1);
    assert.equal((await Attendance.findOne({ where: { meetingId: ongoing } }))!.status, 'pending');
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.checkin' } }), 1);
    assert.equal((await fac.get(`/c/${cid}/meetings/${futureId}/attendance`)).status, 409, 'no confirmation before the meeting starts');
  });

  it('a facilitator confirms attendance: attended minutes are recorded for the PD-hours ledger (attendances + meeting.attended)', async () => {
    assert.equal((await alex.get(`/c/${cid}/meetings/${ongoing}/attendance`)).status, 403);
    const ids = { alex: await membershipIdOf('Alex Smith'), nadia: await membershipIdOf('Nadia Côté'), chris: await membershipIdOf('Chris Lee') };
    assert.equal((await alex.post(`/c/${cid}/meetings/${ongoing}/attendance`, { [`status_${ids.alex}`]: 'attended' })).status, 403);
    const form = await fac.get(`/c/${cid}/meetings/${ongoing}/attendance`);
    assert.match(form.text, new RegExp(`name="status_${ids.nadia}"[\\s\\S]*?<option value="attended" selected>`), 'a checked-in member is preselected as attended');
    const res = await fac.post(`/c/${cid}/meetings/${ongoing}/attendance`, {
      [`status_${ids.nadia}`]: 'attended', [`minutes_${ids.nadia}`]: '90',
      [`status_${ids.alex}`]: 'attended', [`minutes_${ids.alex}`]: '45',
      [`status_${ids.chris}`]: 'excused', [`minutes_${ids.chris}`]: '90',
    });
    assert.equal(res.status, 200);
    const rows = await Attendance.findAll({ where: { meetingId: ongoing } });
    const by = new Map(rows.map((r) => [r.membershipId, r]));
    assert.deepEqual([by.get(ids.nadia)!.status, by.get(ids.nadia)!.minutes], ['attended', 90]);
    assert.deepEqual([by.get(ids.alex)!.status, by.get(ids.alex)!.minutes], ['attended', 45]);
    assert.deepEqual([by.get(ids.chris)!.status, by.get(ids.chris)!.minutes], ['excused', 0]);
    assert.ok(rows.every((r) => r.confirmedBy !== null && r.confirmedAt instanceof Date));
    const attended = await Activity.findAll({ where: { communityId: cid, verb: 'meeting.attended', subjectId: ongoing } });
    assert.deepEqual(attended.map((a) => [a.membershipId, JSON.parse(a.data!).minutes]).sort(), [[ids.alex, 45], [ids.nadia, 90]].sort());
    assert.match((await nadia.get(`/c/${cid}/meetings/${ongoing}`)).text, /Présence confirmée\s: 90 minutes/);
    // The PD-hours ledger's line: the attendee's own, titled and dated by the meeting, signed by the facilitator who confirmed.
    const meeting = (await Meeting.findByPk(ongoing))!;
    const line = (await PdEntry.findOne({ where: { membershipId: ids.nadia, evidenceId: ongoing, status: 'approved' } }))!;
    assert.deepEqual([line.title, line.minutes, line.date], [meeting.title, 90, DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISODate()]);
    assert.ok(line.createdBy !== null && line.createdBy !== line.userId);

    await fac.post(`/c/${cid}/meetings/${ongoing}/attendance`, { [`status_${ids.nadia}`]: 'attended', [`minutes_${ids.nadia}`]: '90' });
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.attended' } }), 2, 'an unchanged confirmation writes nothing');
    await fac.post(`/c/${cid}/meetings/${ongoing}/attendance`, { [`status_${ids.alex}`]: 'absent' });
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.attendance_revoked' } }), 1);
    assert.deepEqual((await PdEntry.findAll({ where: { membershipId: ids.alex, evidenceId: ongoing } })).map((e) => e.status), ['withdrawn'], 'the corrected attendance withdraws its line');
    assert.equal((await Attendance.findOne({ where: { meetingId: ongoing, membershipId: ids.alex } }))!.minutes, 0);
  });

  it('stores minutes as Markdown with sanitized HTML (only the organiser or a facilitator), ready to link a discussion thread later', async () => {
    assert.equal((await nadia.post(`/c/${cid}/meetings/${ongoing}/minutes`, { minutes: 'Not mine' })).status, 403);
    const res = await alex.post(`/c/${cid}/meetings/${ongoing}/minutes`, { minutes: '# Decisions\n\n- We **adopt** the rubric <script>alert(1)</script> <img src=x onerror=alert(1)>' });
    assert.equal(res.status, 200);
    const m = await Meeting.findByPk(ongoing);
    assert.match(m!.minutesHtml!, /<strong>adopt<\/strong>/);
    assert.doesNotMatch(m!.minutesHtml!, /script|onerror/);
    assert.equal(m!.minutesThreadId, null);
    assert.match(res.text, /<strong>adopt<\/strong>/);
    assert.equal(await Activity.count({ where: { communityId: cid, verb: 'meeting.minutes' } }), 1);
  });

  it('lets the organiser cancel a meeting; its ICS then says CANCELLED', async () => {
    assert.equal((await nadia.post(`/c/${cid}/meetings/${ongoing}/cancel`)).status, 403);
    await alex.post(`/c/${cid}/meetings/${ongoing}/cancel`);
    assert.equal((await Meeting.findByPk(ongoing))!.status, 'cancelled');
    assert.equal(parseIcs((await nadia.get(`/c/${cid}/meetings/${ongoing}/ics`)).text).events[0].STATUS.value, 'CANCELLED');
    assert.equal((await nadia.post(`/c/${cid}/meetings/${ongoing}/rsvp`, { response: 'yes' })).status, 409);
  });

  async function membershipIdOf(name: string): Promise<number> {
    const rows = await Membership.findAll({ where: { communityId: cid }, include: [{ model: User, as: 'user' }] });
    return rows.find((r) => r.user?.name === name)!.id;
  }
});
