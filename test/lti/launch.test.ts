import assert from 'node:assert/strict';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { sessionOf } from '../helpers/session';
import { setUpCommunity } from '../helpers/community';
import { User } from '../../src/users/model';
import { Cohort, Membership, Community } from '../../src/kernel/community';
import { Activity } from '../../src/activity/model';
import { Platform } from '../../src/kernel/platform';

/** The sample course's people, as the development platform launches them. */
const expectedRoles: Array<[string, string]> = [
  ['instructor', 'facilitator'],
  ['ta', 'facilitator'],
  ['learner1', 'member'],
  ['learner2', 'member'],
  ['learner3', 'member'],
  ['mentor', 'mentor'],
];

async function userOn(h: Harness, sub: string, platform = h.moodle) {
  const p = await Platform.findOne({ where: { issuer: platform.issuer } });
  return User.findOne({ where: { platformId: p!.id, sub } });
}

describe('launch through the development platform', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('shows a learner who launches before the community exists a friendly "not set up yet" page, and creates no membership', async () => {
    const course = newCourse(h.moodle);
    const before = await Membership.count();
    const res = await h.launch({ userId: 'learner2', courseId: course });
    assert.equal(res.status, 200);
    assert.match(res.text, /La communauté n’est pas encore prête/);
    assert.equal(await Cohort.count({ where: { contextId: course } }), 0);
    const user = await userOn(h, 'learner2');
    assert.ok(user, 'the user is created at launch');
    assert.equal(await Membership.count(), before, 'no membership written');
  });

  it("creates the course's community on the instructor's first launch, then launches every role into it with the mapped community role", async () => {
    const course = newCourse(h.moodle);
    const { communityId, home } = await setUpCommunity(h, h.moodle, course);
    assert.match(home.text, /Bonjour Marie Tremblay!/, 'the French-speaking instructor is greeted in French');
    const community = await Community.findByPk(communityId);
    assert.equal(community!.title, 'Enseigner en réseau');
    for (const [userId, role] of expectedRoles) {
      const res = await h.launch({ userId, courseId: course });
      assert.equal(res.status, 200, `${userId}: ${res.text.slice(0, 300)}`);
      assert.match(res.url, new RegExp(`/c/${communityId}$`), `${userId} lands on the community home`);
      const user = await userOn(h, userId);
      const m = await Membership.findOne({ where: { userId: user!.id, communityId } });
      assert.equal(m!.role, role, `${userId} → ${role}`);
      assert.equal(m!.status, 'active');
      assert.equal(m!.source, 'launch');
    }
    const english = await h.launch({ userId: 'learner1', courseId: course });
    assert.match(english.text, /<html lang="en">/);
    assert.match(english.text, /Hello Alex Smith!/);
    // The instructor's membership was made with the community: their launch and learner1's second one are returning launches.
    assert.equal(await Activity.count({ where: { communityId, verb: 'launch.changed' } }), expectedRoles.length - 1, 'each first launch made a membership');
    assert.equal(await Activity.count({ where: { communityId, verb: 'launch' } }), 2, 'returning launches changed nothing shown');
  });

  it('saves the NRPS and AGS service URLs on the cohort for background work', async () => {
    const course = newCourse(h.moodle);
    await setUpCommunity(h, h.moodle, course);
    const cohort = await Cohort.findOne({ where: { contextId: course } });
    assert.equal(cohort!.nrpsUrl, `${h.moodle.url}/nrps/${course}/memberships`);
    assert.ok(cohort!.agsLineitemsUrl?.startsWith(`${h.moodle.url}/ags/${course}/lineitems`), String(cohort!.agsLineitemsUrl));
    assert.ok(cohort!.agsScopes.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'));
  });

  it('refreshes name, email and locale at each launch, keyed by platform and sub', async () => {
    const course = newCourse(h.moodle);
    await setUpCommunity(h, h.moodle, course);
    const member = h.moodle.courses.get(course)!.members.find((m) => m.id === 'learner3')!;
    member.name = 'Nadia Côté-Bouchard';
    member.familyName = 'Côté-Bouchard';
    member.email = 'nadia.cb@example.org';
    member.locale = 'en-CA';
    const res = await h.launch({ userId: 'learner3', courseId: course });
    assert.match(res.text, /Hello Nadia Côté-Bouchard!|Hello Nadia C&#244;t&#233;-Bouchard!/);
    const user = await userOn(h, 'learner3');
    assert.equal(user!.email, 'nadia.cb@example.org');
    assert.equal(user!.locale, 'en-CA');
    const p = await Platform.findOne({ where: { issuer: h.moodle.issuer } });
    assert.equal(await User.count({ where: { platformId: p!.id, sub: 'learner3' } }), 1, 'one user per (platform, sub)');
  });

  it('applies a role change made in the LMS at the next launch', async () => {
    const course = newCourse(h.moodle);
    const { communityId } = await setUpCommunity(h, h.moodle, course);
    await h.launch({ userId: 'learner1', courseId: course });
    h.moodle.courses.get(course)!.members.find((m) => m.id === 'learner1')!.roles = ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'];
    await h.launch({ userId: 'learner1', courseId: course });
    const user = await userOn(h, 'learner1');
    const m = await Membership.findOne({ where: { userId: user!.id, communityId } });
    assert.equal(m!.role, 'mentor');
  });

  it('lets an instructor in another course (on another platform) join an existing community with its invitation code: the course becomes a cohort', async () => {
    const courseA = newCourse(h.moodle);
    const { communityId, home } = await setUpCommunity(h, h.moodle, courseA);
    const code = /data-invite-code>([A-Z0-9-]+)</.exec(home.text)![1];
    const courseB = newCourse(h.canvas);
    const first = await h.launch({ platform: h.canvas, userId: 'instructor', courseId: courseB });
    assert.match(first.url, /\/setup$/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.text)![1];
    const bad = await first.agent.fetch(`${h.toolUrl}/setup/join`, { method: 'POST', form: { _csrf: csrf, code: 'ZZZZ-ZZZZ' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Aucune communauté ne correspond|Aucune communaut/);
    const joined = await first.agent.fetch(`${h.toolUrl}/setup/join`, { method: 'POST', form: { _csrf: csrf, code: code.toLowerCase() } });
    assert.equal(joined.status, 200);
    assert.match(joined.url, new RegExp(`/c/${communityId}$`));
    const cohorts = await Cohort.findAll({ where: { communityId } });
    assert.deepEqual(cohorts.map((c) => c.contextId).sort(), [courseA, courseB].sort());
    const learner = await h.launch({ platform: h.canvas, userId: 'learner1', courseId: courseB });
    assert.match(learner.url, new RegExp(`/c/${communityId}$`));
  });

  it('refuses community setup to a learner, and validates the setup form without writing', async () => {
    const course = newCourse(h.moodle);
    const first = await h.launch({ userId: 'instructor', courseId: course });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.text)![1];
    const before = await Community.count();
    const tooShort = await first.agent.fetch(`${h.toolUrl}/setup/create`, { method: 'POST', form: { _csrf: csrf, title: 'x', purpose: 'court' } });
    assert.equal(tooShort.status, 400);
    assert.match(tooShort.text, /Le titre doit compter de 3 à 200 caractères|Le titre doit compter/);
    assert.equal(await Community.count(), before);
    const learner = await h.launch({ userId: 'learner1', courseId: course });
    assert.equal(sessionOf(h, learner.agent), '', 'a learner gets no session to set up');
  });

  it('accepts the LTI valid variants: short role names, unknown role, roles [""], no name or email, no context', async () => {
    const course = newCourse(h.moodle);
    const { communityId } = await setUpCommunity(h, h.moodle, course);
    const variants: Array<[string, Record<string, unknown>, string]> = [
      ['v-short', { 'https://purl.imsglobal.org/spec/lti/claim/roles': ['Learner'] }, 'member'],
      ['v-unknown', { 'https://purl.imsglobal.org/spec/lti/claim/roles': ['http://purl.imsglobal.org/vocab/lis/v2/membership#Janitor'] }, 'observer'],
      ['v-empty', { 'https://purl.imsglobal.org/spec/lti/claim/roles': [''] }, 'observer'],
      ['v-anon', { name: undefined, given_name: undefined, family_name: undefined, email: undefined }, 'member'],
    ];
    for (const [sub, overrides, role] of variants) {
      const res = await h.launch({
        userId: 'learner1',
        courseId: course,
        tamper: async ({ authParams, platform }) => ({
          id_token: await platform.buildIdToken({ courseId: course, userId: 'learner1', nonce: authParams.get('nonce')!, overrides: { sub, ...overrides } }),
        }),
      });
      assert.equal(res.status, 200, `${sub}: ${res.text.slice(0, 400)}`);
      const user = await userOn(h, sub);
      const m = await Membership.findOne({ where: { userId: user!.id, communityId } });
      assert.equal(m!.role, role, sub);
    }
    const scripted = await h.launch({
      userId: 'learner1',
      courseId: course,
      tamper: async ({ authParams, platform }) => ({
        id_token: await platform.buildIdToken({ courseId: course, userId: 'learner1', nonce: authParams.get('nonce')!, overrides: { sub: 'v-pic', picture: 'javascript:alert(1)' } }),
      }),
    });
    assert.equal(scripted.status, 200);
    assert.equal((await userOn(h, 'v-pic'))!.picture, null, 'a javascript: picture URL is dropped');
    const anon = await userOn(h, 'v-anon');
    assert.equal(anon!.name, null);
    assert.equal(anon!.email, null);
    // No context: LTI allows it; the resource link then stands for the course.
    const noContext = await h.launch({
      userId: 'instructor',
      tamper: async ({ authParams, platform }) => ({
        id_token: await platform.buildIdToken({ courseId: null, userId: 'instructor', nonce: authParams.get('nonce')! }),
      }),
    });
    assert.equal(noContext.status, 200, noContext.text.slice(0, 300));
    assert.match(noContext.url, /\/setup$/);
  });
});

describe("a launch keeps none of ltijs's copies of the id_token", () => {
  it('writes no idtoken or contexttoken record (CoPeR never accepts an ltik: its own session follows the launch)', async () => {
    const h = await harness();
    const { sequelize } = h.runtime;
    const count = async () => Number((await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM lti_records WHERE collection IN ('idtoken', 'contexttoken')`, { type: 'SELECT' as never }))[0].n);
    const before = await count();
    const course = newCourse(h.moodle);
    const { communityId } = await setUpCommunity(h, h.moodle, course);
    const res = await h.launch({ userId: 'learner3', courseId: course });
    assert.match(res.url, new RegExp(`/c/${communityId}$`), 'the launch still lands on the home');
    assert.equal(await count(), before);
  });
});
