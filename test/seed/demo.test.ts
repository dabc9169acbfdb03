import assert from 'node:assert/strict';
import ejs from 'ejs';
import { harness, type Harness } from '../helpers/harness';
import { DevPlatform } from '../../src/devplatform';
import { addPlatform } from '../../src/lti/platforms';
import { resetPlatformOrigins } from '../../src/web/security';
import { seedDemo, demoCourse, demoPeople, DEMO_COURSE_ID } from '../../src/seed/demo';
import { Cohort, Membership } from '../../src/kernel/community';
import { Post, Thread } from '../../src/discussions/model';
import { User } from '../../src/users/model';
import { Problem } from '../../src/problems/model';
import { Profile } from '../../src/profiles/model';
import { csrfOf } from '../helpers/session';
import { rosterSyncsIdle } from '../../src/lms/schedule';

/** A platform serving the demo's course (sample users + colleagues), registered with the tool as `npm run demo` does. */
async function demoPlatform(h: Harness): Promise<{ platform: DevPlatform; platformId: number }> {
  const platform = new DevPlatform({ flavour: 'moodle', courses: [demoCourse()] });
  await platform.listen();
  const reg = platform.registration;
  platform.registerTool({ clientId: reg.clientId, deploymentId: reg.deploymentId, loginUrl: `${h.toolUrl}/lti/login`, launchUrl: `${h.toolUrl}/lti/launch`, jwksUrl: `${h.toolUrl}/lti/keys` });
  const { platform: row } = await addPlatform({ ...reg, deploymentIds: [reg.deploymentId], kind: 'moodle' });
  resetPlatformOrigins();
  return { platform, platformId: row.id };
}

describe('the demo starts with a living community (seeded once)', function () {
  this.timeout(120_000);
  let h: Harness;
  let platform: DevPlatform;
  let communityId: number;
  before(async () => {
    h = await harness();
    const demo = await demoPlatform(h);
    platform = demo.platform;
    const target = { platformId: demo.platformId, deploymentId: platform.registration.deploymentId, nrpsUrl: platform.membershipsUrl(DEMO_COURSE_ID), now: new Date() };
    const seeded = await seedDemo(h.runtime.sequelize, target);
    assert.ok(seeded);
    communityId = seeded.communityId;
    assert.equal(await seedDemo(h.runtime.sequelize, target), null, 'a second start seeds nothing');
    assert.equal(await Cohort.count({ where: { platformId: demo.platformId } }), 1);
  });
  after(() => platform.close());

  it('seeds the sample users with their platform ids, ~30 roster colleagues (some never launched), ~150 posts and ~40 resources', async () => {
    const members = await Membership.findAll({ where: { communityId }, include: [{ model: User, as: 'user' }] });
    assert.equal(members.length, demoPeople().length);
    const bySub = new Map(members.map((m) => [m.user!.sub, m]));
    for (const sub of ['instructor', 'ta', 'learner1', 'learner2', 'learner3', 'mentor']) assert.equal(bySub.get(sub)?.status, 'active', sub);
    assert.equal(bySub.get('instructor')!.role, 'facilitator');
    assert.ok(members.filter((m) => m.status === 'invited' && m.source === 'roster').length >= 5);
    assert.equal(await Post.count({ where: { communityId } }), 150);
  });

  it('lands Marie Tremblay in the community home (no setup page), with seeded threads; a learner too; a never-launched colleague becomes active', async () => {
    const marie = await h.launch({ platform, userId: 'instructor', courseId: DEMO_COURSE_ID });
    assert.equal(marie.status, 200, marie.text.slice(0, 300));
    assert.match(marie.url, new RegExp(`/c/${communityId}$`));
    assert.match(marie.text, /Marie Tremblay/);
    const welcome = await Thread.findOne({ where: { communityId, pinned: true } });
    const list = await marie.agent.fetch(`${h.toolUrl}/c/${communityId}/discussions`);
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(welcome!.title.replace(/’/g, '&#39;')) || list.text.includes(welcome!.title), 'the pinned welcome thread is listed');
    const thread = await marie.agent.fetch(`${h.toolUrl}/c/${communityId}/threads/${welcome!.id}`);
    assert.equal(thread.status, 200);
    const opening = await Post.findByPk(welcome!.firstPostId!);
    assert.ok(thread.text.includes(opening!.bodyHtml.slice(0, 60)), 'the opening post is shown');

    const sophie = await h.launch({ platform, userId: 'learner2', courseId: DEMO_COURSE_ID });
    assert.match(sophie.url, new RegExp(`/c/${communityId}$`));
    const search = await sophie.agent.fetch(`${h.toolUrl}/c/${communityId}/search?q=${encodeURIComponent('évaluation')}`);
    assert.equal(search.status, 200);
    assert.match(search.text, /<li class="hit">/, 'seeded content is searchable through the page');

    const invited = (await Membership.findOne({ where: { communityId, status: 'invited' }, include: [{ model: User, as: 'user' }] }))!;
    const newcomer = await h.launch({ platform, userId: invited.user!.sub, courseId: DEMO_COURSE_ID });
    assert.match(newcomer.url, new RegExp(`/c/${communityId}$`));
    assert.equal((await invited.reload()).status, 'active');
  });

  it('shows the seeded problem requests, profiles and figures through their pages', async () => {
    const marie = await h.launch({ platform, userId: 'instructor', courseId: DEMO_COURSE_ID });
    const page = (path: string) => marie.agent.fetch(`${h.toolUrl}/c/${communityId}${path}`);
    const problem = (await Problem.findOne({ where: { communityId }, order: [['id', 'ASC']] }))!;
    const thread = (await Thread.findByPk(problem.threadId))!;
    const list = await page('/problems');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(ejs.escapeXML(thread.title)), 'a seeded problem is listed');
    const one = await page(`/problems/${thread.id}`);
    assert.equal(one.status, 200);
    assert.ok(one.text.includes(problem.triedHtml.slice(3, 40)), 'what was tried is shown');
    const titles = (await Profile.findAll({ where: { communityId } })).map((x) => x.roleTitle).filter((x): x is string => !!x);
    assert.ok(titles.length > 0, 'seeded profiles have role titles');
    const members = await page('/people');
    assert.equal(members.status, 200);
    assert.ok(titles.some((x) => members.text.includes(ejs.escapeXML(x))), 'seeded role titles are in the people directory');
    const dashboard = await page('/analytics');
    assert.equal(dashboard.status, 200);
  });

  it("syncs the seeded course's roster from the members page against the strict Moodle flavour: every colleague read, including those who never launched", async () => {
    const before = await Membership.count({ where: { communityId } });
    const invitedBefore = await Membership.count({ where: { communityId, status: 'invited' } });
    const marie = await h.launch({ platform, userId: 'instructor', courseId: DEMO_COURSE_ID });
    const csrf = csrfOf(h, marie.agent);
    const hits = platform.requests.length;
    const started = await marie.agent.fetch(`${h.toolUrl}/c/${communityId}/members/sync`, { method: 'POST', form: { _csrf: csrf } });
    assert.equal(started.status, 200, started.text.slice(0, 300));
    await rosterSyncsIdle();
    const nrps = platform.requests.slice(hits).filter((r) => r.path === `/nrps/${DEMO_COURSE_ID}/memberships`);
    assert.ok(nrps.length > 0, 'the LMS was asked');
    assert.ok(nrps.every((r) => r.status === 200), `Moodle answered every page: ${nrps.map((r) => r.status).join(',')}`);
    const members = await marie.agent.fetch(`${h.toolUrl}/c/${communityId}/members`);
    assert.match(members.text, /data-sync-result/);
    assert.doesNotMatch(members.text, /data-sync-error/);
    assert.match(members.text, /0 erreur\(s\)/);
    const invited = await marie.agent.fetch(`${h.toolUrl}/c/${communityId}/members?status=invited`);
    assert.equal(invited.status, 200);
    const neverLaunched = await Membership.findAll({ where: { communityId, status: 'invited' }, include: [{ model: User, as: 'user' }] });
    assert.ok(neverLaunched.length > 0);
    assert.equal(neverLaunched.length, invitedBefore, 'the colleagues who never launched stay invited');
    for (const m of neverLaunched) assert.ok(invited.text.includes(ejs.escapeXML(m.user!.name ?? '')), `${m.user!.name} listed as never launched`);
    assert.equal(await Membership.count({ where: { communityId } }), before, 'the seeded roster and the LMS agree: nobody added or lost');
  });
});
