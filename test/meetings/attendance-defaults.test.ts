import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { facilitatedCommunity, launchMember, localIn, type Member } from '../governance/helpers';
import { Attendance } from '../../src/meetings/model';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';

/** The status selected and the minutes pre-filled for one member on the attendance form. */
function rowOf(html: string, membershipId: number): { status: string; minutes: string } {
  const select = new RegExp(`<select id="s-${membershipId}"[\\s\\S]*?</select>`).exec(html)![0];
  const status = /<option value="([a-z_]+)" selected>/.exec(select)?.[1] ?? '';
  const minutes = new RegExp(`id="mn-${membershipId}"[^>]*value="([^"]*)"`).exec(html)![1];
  return { status, minutes };
}

describe('attendance form defaults (nobody presumed absent)', () => {
  let h: Harness;
  let cid: number;
  let fac: Member;
  let alex: Member;
  let nadia: Member;
  let chris: Member;
  let meeting: number;
  const ids: Record<string, number> = {};

  before(async () => {
    h = await harness();
    let course: string;
    ({ course, cid, fac, alex, nadia } = await facilitatedCommunity(h));
    chris = await launchMember(h, course, 'mentor');
    const res = await fac.post(`/c/${cid}/meetings`, { title: 'Atelier', mode: 'remote', videoUrl: 'https://meet.example.org/a', startsAt: localIn(-20), durationMinutes: '75', recurrence: 'none' });
    meeting = Number(/\/meetings\/(\d+)/.exec(res.url)![1]);
    await nadia.post(`/c/${cid}/meetings/${meeting}/rsvp`, { response: 'yes' });
    await chris.post(`/c/${cid}/meetings/${meeting}/rsvp`, { response: 'maybe' });
    const rows = await Membership.findAll({ where: { communityId: cid }, include: [{ model: User, as: 'user' }] });
    for (const [k, name] of [['alex', 'Alex Smith'], ['nadia', 'Nadia Côté'], ['chris', 'Chris Lee']]) ids[k] = rows.find((r) => r.user?.name === name)!.id;
  });

  it('shows every member as "not recorded" with no minutes until the facilitator chooses', async () => {
    const form = await fac.get(`/c/${cid}/meetings/${meeting}/attendance`);
    assert.equal(form.status, 200);
    for (const k of ['alex', 'nadia', 'chris']) assert.deepEqual(rowOf(form.text, ids[k]), { status: 'not_recorded', minutes: '' }, k);
    assert.match(form.text, /Non consignée/);
    assert.match(form.text, /Marquer présentes toutes les personnes qui ont répondu oui/);
  });

  it('"everyone who said yes" marks them present with the meeting’s length, and no one else', async () => {
    const form = await fac.get(`/c/${cid}/meetings/${meeting}/attendance`, { preset: 'yes' });
    assert.deepEqual(rowOf(form.text, ids.nadia), { status: 'attended', minutes: '75' });
    assert.deepEqual(rowOf(form.text, ids.chris), { status: 'not_recorded', minutes: '' }, 'maybe is not yes');
    assert.deepEqual(rowOf(form.text, ids.alex), { status: 'not_recorded', minutes: '' });
  });

  it('writes nothing for members left "not recorded"; an attended row without minutes gets the meeting’s length', async () => {
    const res = await fac.post(`/c/${cid}/meetings/${meeting}/attendance`, {
      [`status_${ids.nadia}`]: 'attended', [`minutes_${ids.nadia}`]: '',
      [`status_${ids.alex}`]: 'not_recorded', [`minutes_${ids.alex}`]: '',
      [`status_${ids.chris}`]: 'not_recorded', [`minutes_${ids.chris}`]: '',
    });
    assert.equal(res.status, 200);
    const rows = await Attendance.findAll({ where: { meetingId: meeting } });
    assert.deepEqual(rows.map((r) => [r.membershipId, r.status, r.minutes]), [[ids.nadia, 'attended', 75]]);
    const form = await fac.get(`/c/${cid}/meetings/${meeting}/attendance`);
    assert.deepEqual(rowOf(form.text, ids.nadia), { status: 'attended', minutes: '75' }, 'a recorded attendance keeps its status and minutes');
    assert.deepEqual(rowOf(form.text, ids.alex), { status: 'not_recorded', minutes: '' });
    assert.equal((await fac.post(`/c/${cid}/meetings/${meeting}/attendance`, { [`status_${ids.alex}`]: 'maybe' })).status, 400);
    assert.equal(await Attendance.count({ where: { meetingId: meeting } }), 1);
    assert.equal((await alex.get(`/c/${cid}/meetings/${meeting}/attendance`)).status, 403);
  });
});
