import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn, type Member } from '../helpers/sharing';
import { Meeting } from '../../src/meetings/model';
import { UserTimeZone } from '../../src/content/model';
import { Membership } from '../../src/kernel/community';
import { EmailOutbox } from '../../src/notifications/model';
import { formatInZone } from '../../src/content/time';
import { formatWhen } from '../../src/notifications/messages';

/** Issue 18, item 8: one meeting, one member in Vancouver: the same local hour on the page, in the e-mail and in the calendar file. */
describe('a meeting’s hour for a member in America/Vancouver', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });
  after(async () => {
    await UserTimeZone.destroy({ where: { userId: await userIdIn(c.communityId, 'learner1') } });
  });

  /** Mail this kind of notification at once (the rest of the member's choices unchanged). */
  async function mailAtOnce(m: Member, kind: string) {
    const form = await m.get(`${c.base}/notifications/preferences`);
    const fields: Record<string, string> = {};
    for (const x of form.text.matchAll(/<select id="[^"]+" name="(p\.[^"]+)">([\s\S]*?)<\/select>/g)) fields[x[1]] = /<option value="(\w+)" selected>/.exec(x[2])![1];
    fields[`p.${kind}`] = 'immediate';
    assert.equal((await m.post(`${c.base}/notifications/preferences`, fields)).status, 200);
  }

  it('shows 11:00 Vancouver time for a meeting scheduled at 14:00 Toronto time, on the page, in the e-mail and in the ICS', async () => {
    const alex = await c.as('learner1'); // English
    const sophie = await c.as('learner2'); // on the community's zone (Toronto)
    assert.equal((await alex.post(`${c.base}/meetings/timezone`, { timeZone: 'America/Vancouver' })).status, 200);
    await mailAtOnce(alex, 'meeting.scheduled');

    const made = await sophie.post(`${c.base}/meetings`, { title: 'Heure du Pacifique', mode: 'remote', videoUrl: 'https://meet.example.org/pac', startsAt: '2027-03-10T14:00', durationMinutes: '60', recurrence: 'none' });
    assert.equal(made.status, 200, made.text.slice(0, 300));
    const id = idFrom(made.url, 'meetings');
    const m = (await Meeting.findByPk(id))!;
    assert.equal(m.startsAt.toISOString(), '2027-03-10T19:00:00.000Z', 'entered in Sophie’s zone (Toronto, UTC−5 in March before the change)');

    // The page.
    const page = await alex.get(`${c.base}/meetings/${id}`);
    const vancouver = formatInZone(m.startsAt, 'America/Vancouver', 'en');
    assert.match(vancouver, /11:00/);
    assert.ok(page.text.includes(vancouver), `page shows ${vancouver}`);

    // The e-mail, written by the server outside Alex's request.
    const alexMembership = (await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner1') } }))!;
    const mail = await EmailOutbox.findOne({ where: { membershipId: alexMembership.id }, order: [['id', 'DESC']] });
    assert.ok(mail, 'Alex is mailed at once');
    const inMail = formatWhen(m.startsAt, 'en', 'America/Vancouver');
    assert.match(inMail, /11:00/);
    assert.ok(mail.textBody.includes(inMail) && mail.subject.includes(inMail), `e-mail says ${inMail}: ${mail.subject}`);
    assert.ok(!mail.textBody.includes(formatWhen(m.startsAt, 'en', 'America/Toronto')), 'not Toronto time');

    // The calendar file: UTC, so Alex's calendar shows 11:00 in Vancouver.
    const ics = (await alex.get(`${c.base}/meetings/${id}/ics`)).text;
    assert.match(ics, /DTSTART:20270310T190000Z/);
  });
});
