import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { localIn } from '../governance/helpers';
import { governedCommunity, bellCount, notifiedIds, idsOf, notificationTexts, setPreference, type Person, type Sub } from '../governance/notify-setup';
import { Meeting } from '../../src/meetings/model';
import { Notification, EmailOutbox } from '../../src/notifications/model';
import { remindStartingMeeting } from '../../src/meetings/starting-soon';
import { jobs } from '../../src/worker/runner';

const meetingIdOf = (url: string) => Number(/\/meetings\/(\d+)/.exec(url)![1]);
const startingJob = () => jobs.find((j) => j.name === 'meetings.starting-soon')!;
const meeting = (id: number) => ({ type: 'meeting', id });

describe('meeting notifications (real launches, worker job)', () => {
  let h: Harness;
  let cid: number;
  let people: Record<Sub, Person>;

  const schedule = async (by: Person, form: Record<string, string>) => {
    const res = await by.post(`/c/${cid}/meetings`, { mode: 'remote', videoUrl: 'https://meet.example.org/cop', startsAt: localIn(3 * 24 * 60), durationMinutes: '60', recurrence: 'none', ...form });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    return meetingIdOf(res.url);
  };
  const rsvp = async (by: Person, id: number, response: 'yes' | 'maybe' | 'no') => assert.equal((await by.post(`/c/${cid}/meetings/${id}/rsvp`, { response })).status, 200);
  const cancel = async (by: Person, id: number) => assert.equal((await by.post(`/c/${cid}/meetings/${id}/cancel`)).status, 200);

  before(async () => {
    h = await harness();
    ({ cid, people } = await governedCommunity(h));
  });

  it('scheduling a meeting notifies the members who can take part, except the organiser, with a link to the meeting', async () => {
    const { instructor, ta, learner1, learner3, mentor, observer1 } = people;
    const bell = bellCount((await learner3.get(`/c/${cid}`)).text);
    const id = await schedule(learner1, { title: 'Café pédagogique' });
    assert.deepEqual(await notifiedIds('meeting.scheduled', meeting(id)), idsOf(instructor, ta, learner3, mentor));
    assert.equal(bellCount((await learner3.get(`/c/${cid}`)).text), bell + 1);
    assert.equal(bellCount((await observer1.get(`/c/${cid}`)).text), 0, 'observers cannot attend: not called to');
    const row = await Notification.findOne({ where: { kind: 'meeting.scheduled', subjectId: id, membershipId: learner3.membershipId } });
    const m = await Meeting.findByPk(id);
    assert.deepEqual([row!.link, row!.params.when, row!.actorMembershipId], [`/c/${cid}/meetings/${id}`, m!.startsAt.toISOString(), learner1.membershipId]);
    assert.match((await notificationTexts(learner3))[0], /^Rencontre prévue\s: «\sCafé pédagogique\s» \(.+ h .+\)$/);
    assert.match((await notificationTexts(mentor))[0], /^Meeting scheduled: “Café pédagogique” \(.+\)$/);
    assert.equal(await EmailOutbox.count({ where: { communityId: cid } }), 0, 'meetings go in the daily digest by default: nothing mailed at once');
  });

  it('a weekly series sends ONE notification per member, not one per occurrence', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    const first = await schedule(instructor, { title: 'Atelier hebdo', recurrence: 'weekly', occurrences: '4' });
    const series = await Meeting.findAll({ where: { seriesId: first } });
    assert.equal(series.length, 4);
    const rows = await Notification.findAll({ where: { kind: 'meeting.scheduled', subjectType: 'meeting', subjectId: series.map((s) => s.id) } });
    assert.deepEqual(rows.map((r) => r.membershipId).sort((a, b) => a - b), idsOf(ta, learner1, learner3, mentor));
    assert.ok(rows.every((r) => r.subjectId === first && r.link === `/c/${cid}/meetings/${first}`));
    assert.match((await notificationTexts(learner1))[0], /^Weekly meetings scheduled: “Atelier hebdo”, 4 meetings from .+$/);
    assert.match((await notificationTexts(ta))[0], /^Rencontres hebdomadaires prévues\s: «\sAtelier hebdo\s», 4 rencontres à partir du .+$/);
  });

  it('a meeting recorded after it ended (for its attendance) notifies no one', async () => {
    const id = await schedule(people.ta, { title: 'Rencontre passée', startsAt: localIn(-180) });
    assert.deepEqual(await notifiedIds('meeting.scheduled', meeting(id)), []);
  });

  it('cancelling tells the organiser and those who answered yes or maybe — once — and mails those who chose "right away"', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    await setPreference(learner3, 'meeting.changed', 'immediate');
    const id = await schedule(mentor, { title: 'Lecture partagée' });
    await rsvp(learner3, id, 'yes');
    await rsvp(learner1, id, 'maybe');
    await rsvp(ta, id, 'no');
    const mailsBefore = await EmailOutbox.count({ where: { communityId: cid } });
    await cancel(instructor, id); // a facilitator cancels someone else's meeting
    assert.deepEqual(await notifiedIds('meeting.changed', meeting(id)), idsOf(learner1, learner3, mentor), 'not the one who said no, nor the members who did not answer, nor the one who cancelled');
    await cancel(instructor, id);
    assert.deepEqual(await notifiedIds('meeting.changed', meeting(id)), idsOf(learner1, learner3, mentor), 'cancelling again notifies no one');
    assert.match((await notificationTexts(learner3))[0], /^La rencontre «\sLecture partagée\s» du .+ est annulée$/);
    assert.match((await notificationTexts(learner1))[0], /^The meeting “Lecture partagée” on .+ is cancelled$/);
    const mails = await EmailOutbox.findAll({ where: { communityId: cid }, order: [['id', 'ASC']], offset: mailsBefore });
    assert.deepEqual(mails.map((m) => [m.membershipId, m.toAddress]), [[learner3.membershipId, 'nadia.cote@example.org']]);
    assert.match(mails[0].subject, /La rencontre «\sLecture partagée\s» du .+ est annulée/);
  });

  it('cancelling a meeting nobody answered tells every member who can take part, except who cancelled and who declined', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    const id = await schedule(learner1, { title: 'Sans réponses' });
    await rsvp(ta, id, 'no');
    await cancel(learner1, id);
    assert.deepEqual(await notifiedIds('meeting.changed', meeting(id)), idsOf(instructor, learner3, mentor));
  });

  it('starting soon: the job reminds the organiser and those coming, once, about 15 minutes before — even with two workers at once', async () => {
    const { instructor, ta, learner1, learner3, mentor } = people;
    await setPreference(learner1, 'meeting.starting', 'immediate');
    const id = await schedule(ta, { title: 'Communauté en ligne' });
    const room = await schedule(mentor, { title: 'Atelier en présence', mode: 'in_person', videoUrl: '', place: 'Local B-204' });
    const cancelled = await schedule(mentor, { title: 'Annulée' });
    const soon = await schedule(learner3, { title: 'Tout de suite', startsAt: localIn(10) });
    await rsvp(learner1, id, 'yes');
    await rsvp(learner3, id, 'no');
    await rsvp(instructor, room, 'yes');
    await cancel(mentor, cancelled);
    const job = startingJob();

    await job.run(h.runtime);
    assert.deepEqual(await notifiedIds('meeting.starting', meeting(id)), [], 'three days ahead: nothing yet');

    const in10 = new Date(Date.now() + 10 * 60_000);
    await Meeting.update({ startsAt: in10 }, { where: { id: [id, room, cancelled] } });
    const mailsBefore = await EmailOutbox.count({ where: { communityId: cid } });
    await Promise.all([job.run(h.runtime), job.run(h.runtime)]);
    await job.run(h.runtime);
    assert.deepEqual(await notifiedIds('meeting.starting', meeting(id)), idsOf(ta, learner1), 'the organiser and the yes, once each; not the no');
    assert.deepEqual(await notifiedIds('meeting.starting', meeting(room)), idsOf(instructor, mentor));
    assert.deepEqual(await notifiedIds('meeting.starting', meeting(cancelled)), [], 'a cancelled meeting is not reminded');
    assert.deepEqual(await notifiedIds('meeting.starting', meeting(soon)), [], 'scheduled 10 minutes ahead: its "scheduled" notice was the reminder');
    assert.ok((await Meeting.findByPk(soon))!.startingNotifiedAt);

    assert.match((await notificationTexts(learner1))[0], /^The meeting “Communauté en ligne” starts soon \(.+\): the videoconference link is on its page$/);
    assert.match((await notificationTexts(instructor))[0], /^La rencontre «\sAtelier en présence\s» commence bientôt \(.+\), lieu\s: Local B-204$/);
    const mails = await EmailOutbox.findAll({ where: { communityId: cid }, order: [['id', 'ASC']], offset: mailsBefore });
    // "Starts soon" is mailed at once by default (a digest would come too late): one e-mail per person reminded.
    assert.deepEqual(mails.map((m) => m.membershipId!).sort((a, b) => a - b), idsOf(ta, learner1, instructor, mentor));
    assert.match(mails.find((m) => m.membershipId === learner1.membershipId)!.textBody, new RegExp(`/c/${cid}/meetings/${id}\\?r=`));
  });

  it('the starting claim lets one of two concurrent calls through, and never reminds a meeting that has started', async () => {
    const { ta, learner3 } = people;
    const id = await schedule(learner3, { title: 'Course au rappel' });
    const started = await schedule(learner3, { title: 'Déjà commencée' });
    await Meeting.update({ startsAt: new Date(Date.now() + 5 * 60_000) }, { where: { id } });
    await Meeting.update({ startsAt: new Date(Date.now() - 60_000) }, { where: { id: started } });
    const results = await Promise.all([remindStartingMeeting(h.runtime.sequelize, id), remindStartingMeeting(h.runtime.sequelize, id)]);
    assert.deepEqual(results.map((r) => r === null).sort(), [false, true]);
    assert.equal(await remindStartingMeeting(h.runtime.sequelize, started), null);
    assert.equal(await Notification.count({ where: { kind: 'meeting.starting', subjectId: [id, started] } }), results.find((r) => r !== null)!);
    assert.equal((await notifiedIds('meeting.starting', meeting(id))).includes(ta.membershipId), true, 'nobody answered: every member who can take part');
  });
});
