import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, activities, ok } from '../helpers/people';
import { Profile, MemberFollow } from '../../src/profiles/model';
import { CommunityIntroduction } from '../../src/onboarding/model';
import { Post, Thread, ThreadFollow } from '../../src/discussions/model';
import { Notification } from '../../src/notifications/model';

describe('onboarding a newcomer (HTTP, real launches)', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
    const marie = await c.as('instructor');
    for (const sub of ['learner1', 'learner2', 'mentor']) await c.as(sub);
    await ok(marie, `${c.base}/charter`, { body: '## Nos engagements\n\nRespect et entraide zéphyrine.', rule_consent: 'on', rule_consensus: 'on', rule_majority: 'on', rule_poll: 'on', quorum: '50' });
  });

  it('the first visit invites the newcomer to the welcome page: purpose, current charter, introduce yourself, profile, members to follow', async () => {
    const nadia = await c.as('learner3');
    const home = await nadia.get(c.base);
    assert.match(home.text, /data-onboarding/);
    assert.match(home.text, new RegExp(`/c/${c.communityId}/welcome`));
    const welcome = await nadia.get(`${c.base}/welcome`);
    assert.equal(welcome.status, 200);
    assert.match(welcome.text, /Partager nos pratiques/, 'the purpose');
    assert.match(welcome.text, /data-charter[^>]*>[\s\S]*entraide zéphyrine/, 'the current charter');
    assert.match(welcome.text, /action="\/c\/\d+\/charter\/acknowledge"/);
    assert.match(welcome.text, /action="\/c\/\d+\/welcome\/introduce"/);
    assert.match(welcome.text, /profile\/edit\?next=welcome/);
    const suggestions = welcome.text.slice(welcome.text.indexOf('data-follow-suggestions'));
    const count = (suggestions.slice(0, suggestions.indexOf('</ul>')).match(/<li data-member=/g) ?? []).length;
    assert.ok(count >= 2 && count <= 3, `two or three members suggested, got ${count}`);
    assert.match(suggestions, /Marie Tremblay/, 'the facilitator knows the place');
  });

  it('a suggestion matches what the newcomer wants to learn, with why', async () => {
    const chris = await c.as('mentor');
    const nadia = await c.as('learner3');
    await ok(chris, `${c.base}/profile`, { expertise: 'lecture' });
    await ok(nadia, `${c.base}/profile`, { learning: 'lecture', next: 'welcome' });
    const welcome = await nadia.get(`${c.base}/welcome`);
    const first = /data-follow-suggestions[\s\S]*?<li data-member="(\d+)"/.exec(welcome.text)!;
    assert.equal(Number(first[1]), await c.mid('mentor'));
    assert.match(welcome.text, /Expertise dans ce que vous voulez apprendre\s: lecture/);
  });

  it('introducing oneself posts in the community’s introductions thread (created once) and on the profile, without notifying earlier newcomers', async () => {
    const nadia = await c.as('learner3');
    const sophie = await c.as('learner2');
    await ok(nadia, `${c.base}/welcome/introduce`, { body: 'Bonjour, je suis Nadia, orthopédagogue.', share: '1' });
    await ok(sophie, `${c.base}/welcome/introduce`, { body: 'Bonjour, Sophie, enseignante au primaire.', share: '1' });
    const links = await CommunityIntroduction.findAll({ where: { communityId: c.communityId } });
    assert.equal(links.length, 1);
    const thread = (await Thread.findByPk(links[0].threadId))!;
    assert.equal(thread.kind, 'discussion');
    assert.equal(thread.authorId, null);
    assert.equal(await Post.count({ where: { threadId: thread.id } }), 2);
    assert.equal(await ThreadFollow.count({ where: { threadId: thread.id } }), 0);
    assert.equal(await Notification.count({ where: { membershipId: await c.mid('learner3'), kind: 'reply' } }), 0, 'Nadia is not told of each later introduction');
    const profile = (await Profile.findOne({ where: { membershipId: await c.mid('learner3') } }))!;
    assert.match(profile.introHtml ?? '', /orthopédagogue/);
    assert.equal((await activities(c.communityId, 'onboarding.introduce')).length, 2);
    const page = await (await c.as('learner1')).get(`${c.base}/threads/${thread.id}`);
    assert.match(page.text, /orthopédagogue/);
    assert.match(page.text, /enseignante au primaire/);
    // On the profile too, for everyone.
    assert.match((await (await c.as('learner1')).get(`${c.base}/people/${await c.mid('learner3')}`)).text, /orthopédagogue/);
  });

  it('following from the welcome page, then finishing: the home page stops showing the welcome card', async () => {
    const nadia = await c.as('learner3');
    const marieId = await c.mid('instructor');
    await ok(nadia, `${c.base}/people/${marieId}/follow`, { on: '1', next: 'welcome' });
    assert.equal(await MemberFollow.count({ where: { followerId: await c.mid('learner3'), followedId: marieId } }), 1);
    const done = await ok(nadia, `${c.base}/welcome/done`);
    assert.match(done.url, new RegExp(`/c/${c.communityId}(?:$|\\?)`));
    assert.doesNotMatch(done.text, /data-onboarding/);
    assert.ok((await Profile.findOne({ where: { membershipId: await c.mid('learner3') } }))!.onboardedAt);
    assert.equal((await activities(c.communityId, 'onboarding.complete')).length, 1);
    await ok(nadia, `${c.base}/welcome/done`);
    assert.equal((await activities(c.communityId, 'onboarding.complete')).length, 1, 'once');
  });

  it('an empty introduction is a 400, nothing written; observers read the welcome page but cannot introduce', async () => {
    const alex = await c.as('learner1');
    const before = await Post.count();
    assert.equal((await alex.post(`${c.base}/welcome/introduce`, { body: '   ' })).status, 400);
    assert.equal(await Post.count(), before);
    const observer = await c.as('observer1');
    assert.equal((await observer.get(`${c.base}/welcome`)).status, 200);
    assert.equal((await observer.post(`${c.base}/welcome/introduce`, { body: 'Bonjour' })).status, 403);
  });
});
