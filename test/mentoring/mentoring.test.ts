import assert from 'node:assert/strict';
import { Op } from 'sequelize';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, activities, notificationsOf, bellCount, ok, idFrom } from '../helpers/people';
import { Mentorship, MentoringMessage, MentoringGoal, MentoringCheckin } from '../../src/mentoring/model';
import { SearchDocument } from '../../src/search/model';
import { Post } from '../../src/discussions/model';

describe('mentoring (HTTP, real launches)', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  let pairId: number;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
  });

  it('a newcomer asks for a mentor: the request page suggests matching experienced members, with why', async () => {
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    await ok(chris, `${c.base}/profile`, { expertise: 'différenciation', experience: 'experienced' });
    await ok(nadia, `${c.base}/profile`, { experience: 'newcomer', learning: 'différenciation' });
    const page = await nadia.get(`${c.base}/mentoring/new`);
    assert.equal(page.status, 200);
    const chrisId = await c.mid('mentor');
    const suggestions = page.text.slice(page.text.indexOf('data-suggestions'), page.text.indexOf('</ul>', page.text.indexOf('data-suggestions')));
    assert.match(suggestions, new RegExp(`data-member="${chrisId}"`), 'Chris (expertise in what Nadia wants to learn) is suggested');
    assert.match(suggestions, /Expertise déclarée\s: «\sdifférenciation\s»/, 'with the reason, in French for Nadia');
  });

  it('the request notifies the mentor (mentoring.request, bell +1); the mentor accepts; activity rows', async () => {
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    const [chrisId, nadiaId] = await Promise.all([c.mid('mentor'), c.mid('learner3')]);
    const bell = await bellCount(chris, c.base);
    const res = await ok(nadia, `${c.base}/mentoring`, { mentor: String(chrisId), message: 'J’aimerais progresser en différenciation.' });
    pairId = idFrom(res.url, 'mentoring');
    const pair = (await Mentorship.findByPk(pairId))!;
    assert.equal(pair.status, 'requested');
    assert.equal(pair.menteeId, nadiaId);
    assert.equal(await bellCount(chris, c.base), bell + 1);
    const [n] = await notificationsOf(chrisId, 'mentoring.request');
    assert.equal(n.link, `/c/${c.communityId}/mentoring/${pairId}`);
    // A second identical request is refused while the first is open.
    assert.equal((await nadia.post(`${c.base}/mentoring`, { mentor: String(chrisId) })).status, 409);
    // Only the mentor answers.
    assert.equal((await nadia.post(`${c.base}/mentoring/${pairId}/accept`)).status, 403);
    await ok(chris, `${c.base}/mentoring/${pairId}/accept`);
    assert.equal((await pair.reload()).status, 'active');
    assert.equal((await chris.post(`${c.base}/mentoring/${pairId}/decline`)).status, 403, 'answered already');
    assert.equal((await activities(c.communityId, 'mentoring.request')).at(-1)!.membershipId, nadiaId);
    assert.equal((await activities(c.communityId, 'mentoring.accept')).at(-1)!.membershipId, chrisId);
  });

  it('the pair shares goals, check-ins and a private thread; either side can write', async () => {
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    await ok(nadia, `${c.base}/mentoring/${pairId}/goals`, { title: 'Planifier une leçon différenciée' });
    const goal = (await MentoringGoal.findOne({ where: { mentorshipId: pairId } }))!;
    await ok(chris, `${c.base}/mentoring/${pairId}/messages`, { body: 'Le mot secret est vermillonesque.' });
    await ok(nadia, `${c.base}/mentoring/${pairId}/goals/${goal.id}`, { on: '1' });
    await ok(nadia, `${c.base}/mentoring/${pairId}/checkins`, { note: 'Première leçon donnée, bilan positif.' });
    assert.ok((await goal.reload()).doneAt);
    assert.equal(await MentoringMessage.count({ where: { mentorshipId: pairId } }), 1);
    assert.equal(await MentoringCheckin.count({ where: { mentorshipId: pairId } }), 1);
    const checkin = (await activities(c.communityId, 'mentoring.checkin')).at(-1)!;
    assert.equal(checkin.data.goalsDone, 1);
    const page = await nadia.get(`${c.base}/mentoring/${pairId}`);
    assert.match(page.text, /vermillonesque/);
    assert.match(page.text, /Première leçon donnée/);
  });

  it('nobody else reads the private space: not another member, not a facilitator (by URL, by search); facilitators see the pair and its status', async () => {
    const alex = await c.as('learner1');
    const marie = await c.as('instructor');
    const chris = await c.as('mentor');
    assert.equal((await alex.get(`${c.base}/mentoring/${pairId}`)).status, 404, 'another member does not even learn the pair exists');
    assert.equal((await alex.post(`${c.base}/mentoring/${pairId}/messages`, { body: 'intrusion' })).status, 404);
    const list = await alex.get(`${c.base}/mentoring`);
    assert.doesNotMatch(list.text, /Nadia/);
    const fac = await marie.get(`${c.base}/mentoring/${pairId}`);
    assert.equal(fac.status, 200);
    assert.match(fac.text, /data-status="active"/);
    assert.match(fac.text, /data-private/);
    assert.doesNotMatch(fac.text, /vermillonesque|Première leçon|Planifier une leçon|progresser en différenciation/);
    assert.equal((await marie.post(`${c.base}/mentoring/${pairId}/messages`, { body: 'intrusion' })).status, 403);
    const facList = await marie.get(`${c.base}/mentoring`);
    assert.match(facList.text, /data-all/);
    assert.match(facList.text, /Nadia Côté/);
    for (const who of [alex, marie, chris, await c.as('learner3')]) {
      const found = await who.get(`${c.base}/search`, { q: 'vermillonesque' });
      assert.equal(found.status, 200);
      assert.doesNotMatch(found.text, /<mark>/, 'mentoring texts are never in the search index');
    }
    assert.equal(await SearchDocument.count({ where: { body: { [Op.like]: '%vermillon%' } } }), 0);
    assert.equal(await Post.count({ where: { bodyMd: { [Op.like]: '%vermillon%' } } }), 0);
    const home = await alex.get(c.base);
    assert.doesNotMatch(home.text, /vermillonesque/);
  });

  it('when the pair invites them, facilitators read the space (and not before); withdrawing the invitation hides it again', async () => {
    const marie = await c.as('instructor');
    const nadia = await c.as('learner3');
    const alex = await c.as('learner1');
    assert.equal((await marie.post(`${c.base}/mentoring/${pairId}/invite`, { on: '1' })).status, 403, 'a facilitator cannot invite themself');
    await ok(nadia, `${c.base}/mentoring/${pairId}/invite`, { on: '1' });
    assert.match((await marie.get(`${c.base}/mentoring/${pairId}`)).text, /vermillonesque/);
    assert.equal((await alex.get(`${c.base}/mentoring/${pairId}`)).status, 404, 'the invitation is for facilitators only');
    assert.doesNotMatch((await marie.get(`${c.base}/search`, { q: 'vermillonesque' })).text, /<mark>/);
    await ok(nadia, `${c.base}/mentoring/${pairId}/invite`, { on: '0' });
    assert.doesNotMatch((await marie.get(`${c.base}/mentoring/${pairId}`)).text, /vermillonesque/);
  });

  it('either side closes the pair; a closed pair takes no more messages; a declined request', async () => {
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    const sophie = await c.as('learner2');
    await ok(chris, `${c.base}/mentoring/${pairId}/close`);
    assert.equal((await Mentorship.findByPk(pairId))!.status, 'closed');
    assert.equal((await nadia.post(`${c.base}/mentoring/${pairId}/messages`, { body: 'encore' })).status, 403);
    assert.equal((await activities(c.communityId, 'mentoring.close')).at(-1)!.membershipId, await c.mid('mentor'));
    const res = await ok(sophie, `${c.base}/mentoring`, { mentor: String(await c.mid('mentor')) });
    const other = idFrom(res.url, 'mentoring');
    await ok(chris, `${c.base}/mentoring/${other}/decline`);
    assert.equal((await Mentorship.findByPk(other))!.status, 'declined');
    assert.equal((await activities(c.communityId, 'mentoring.decline')).length, 1);
  });

  it('a facilitator pairs a newcomer with a mentor; members cannot pair others; bad input is a 400', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const [chrisId, alexId, sophieId] = await Promise.all([c.mid('mentor'), c.mid('learner1'), c.mid('learner2')]);
    const before = await Mentorship.count();
    assert.equal((await alex.post(`${c.base}/mentoring`, { mentor: String(chrisId), mentee: String(sophieId) })).status, 403);
    assert.equal((await alex.post(`${c.base}/mentoring`, { mentor: 'abc' })).status, 400);
    assert.equal((await alex.post(`${c.base}/mentoring`, { mentor: String(alexId) })).status, 400, 'not one’s own mentor');
    assert.equal(await Mentorship.count(), before);
    const res = await ok(marie, `${c.base}/mentoring`, { mentor: String(chrisId), mentee: String(alexId) });
    const pair = (await Mentorship.findByPk(idFrom(res.url, 'mentoring')))!;
    assert.equal(pair.menteeId, alexId);
    assert.equal(pair.requestedBy, await c.mid('instructor'));
    const n = (await notificationsOf(chrisId, 'mentoring.request')).at(-1)!;
    assert.equal((n.params as Record<string, string>).actor, 'Alex Smith', 'the mentor is told who the mentee is');
    assert.equal((await activities(c.communityId, 'mentoring.request')).at(-1)!.data.pairedBy, 'facilitator');
  });
});
