import assert from 'node:assert/strict';
import { harness, newCourse, field, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { sharingCommunity, idFrom, userIdIn } from '../helpers/sharing';
import { Community } from '../../src/kernel/community';
import { Post } from '../../src/discussions/model';
import { UserTimeZone } from '../../src/content/model';
import { dateLabels } from '../../src/content/dates';
import { pickZone, DEFAULT_ZONE } from '../../src/content/zone';
import { isTimeZone, timeZones } from '../../src/kernel/time-zones';
import { parseLaunchClaims } from '../../src/lti/claims';

/** Issue 18, item 8: a community zone chosen at setup, a member's own zone, and the rule member → community → default. */
describe('community time zone', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('picks the member’s zone, else the community’s, else the default, skipping unknown zones', () => {
    assert.equal(pickZone('America/Halifax', 'America/Vancouver'), 'America/Halifax');
    assert.equal(pickZone(null, 'America/Vancouver'), 'America/Vancouver');
    assert.equal(pickZone(null, null), DEFAULT_ZONE);
    assert.equal(pickZone('Mars/Olympus', 'Europe/Paris'), 'Europe/Paris');
    assert.equal(pickZone(undefined, '99'), DEFAULT_ZONE);
  });

  it('knows zones by their current IANA names, which ICU does not list (Asia/Kolkata, Europe/Kyiv), and offers them under those names', () => {
    // Node's ICU lists Asia/Calcutta and Europe/Kiev; browsers and LMSs send the current names.
    for (const zone of ['Asia/Kolkata', 'Europe/Kyiv', 'America/Nuuk', 'Asia/Calcutta', 'America/Toronto', 'UTC']) assert.ok(isTimeZone(zone), zone);
    for (const zone of ['Mars/Olympus', '99', '', 'Asia/Kolkata ', '../etc', 'x'.repeat(80)]) assert.ok(!isTimeZone(zone), zone);
    assert.equal(pickZone(null, 'Asia/Kolkata'), 'Asia/Kolkata', 'a community in Kolkata counts in Kolkata, not in the default zone');
    const offered = timeZones();
    assert.ok(offered.includes('Asia/Kolkata') && offered.includes('Europe/Kyiv'));
    assert.ok(!offered.includes('Asia/Calcutta'), 'the old name is not offered beside the new one');
    assert.ok(timeZones('Asia/Calcutta').includes('Asia/Calcutta'), 'a zone already chosen under its old name stays selectable');
    assert.ok(!timeZones('Mars/Olympus').includes('Mars/Olympus'));
  });

  it('reads the user’s zone from the launch only when the platform substituted a known zone', () => {
    const base = {
      iss: 'https://lms.example', sub: 'u1', aud: 'c', 'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0', 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'd',
      'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': 'https://tool.example/lti', 'https://purl.imsglobal.org/spec/lti/claim/roles': [],
      'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: 'rl' },
    };
    const zoneOf = (v: string) => parseLaunchClaims({ ...base, 'https://purl.imsglobal.org/spec/lti/claim/custom': { time_zone: v } }, 'c').timeZone;
    assert.equal(zoneOf('America/Edmonton'), 'America/Edmonton');
    assert.equal(zoneOf('$Person.address.timezone'), undefined);
    assert.equal(zoneOf('99'), undefined); // Moodle's "server zone"
  });

  it('offers the platform’s zone at setup and saves it with the community', async () => {
    const platform = h.moodle;
    const courseId = newCourse(platform, 'Fuseau Vancouver');
    platform.courses.get(courseId)!.members.find((m) => m.id === 'instructor')!.timeZone = 'America/Vancouver';
    const page = await h.launch({ platform, userId: 'instructor', courseId });
    assert.match(page.text, /<option value="America\/Vancouver" selected>/);
    assert.match(page.text, /Fuseau horaire de la communauté|Community time zone/);
    const { communityId } = await setUpCommunity(h, platform, newCourseWithZone(h, 'America/Vancouver'));
    assert.equal((await Community.findByPk(communityId))!.timeZone, 'America/Vancouver');
    // No zone from the platform: the default.
    const plain = await setUpCommunity(h, platform, newCourse(platform, 'Fuseau par défaut'));
    assert.equal((await Community.findByPk(plain.communityId))!.timeZone, DEFAULT_ZONE);
  });

  it('offers a zone the platform sends under its current name (Asia/Kolkata) selected at setup, not the first of the list', async () => {
    const platform = h.moodle;
    const courseId = newCourse(platform, 'Fuseau Kolkata');
    platform.courses.get(courseId)!.members.find((m) => m.id === 'instructor')!.timeZone = 'Asia/Kolkata';
    const page = await h.launch({ platform, userId: 'instructor', courseId });
    assert.match(page.text, /<option value="Asia\/Kolkata" selected>/);
    assert.equal((page.text.match(/ selected>/g) ?? []).length, 1);
    const { communityId } = await setUpCommunity(h, platform, newCourseWithZone(h, 'Asia/Kolkata'));
    assert.equal((await Community.findByPk(communityId))!.timeZone, 'Asia/Kolkata');
  });

  it('saves the zone chosen on the setup page, and refuses an unknown one with a message and nothing written', async () => {
    const platform = h.moodle;
    const chosen = await setUpCommunity(h, platform, newCourse(platform, 'Fuseau choisi'), { title: 'Fuseau choisi', purpose: 'Une communauté qui se réunit à Halifax.', timeZone: 'America/Halifax' });
    assert.equal((await Community.findByPk(chosen.communityId))!.timeZone, 'America/Halifax');

    const courseId = newCourse(platform, 'Fuseau inconnu');
    const first = await h.launch({ platform, userId: 'instructor', courseId });
    const before = await Community.count();
    const bad = await first.agent.fetch(`${h.toolUrl}/setup/create`, { method: 'POST', form: { _csrf: field(first.text, '_csrf'), title: 'Fuseau inconnu', purpose: 'Une raison d’être assez longue.', timeZone: 'Mars/Olympus' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Choisissez un fuseau horaire de la liste|Choose a time zone from the list/);
    assert.match(bad.text, /aria-invalid="true"/);
    assert.equal(await Community.count(), before);
  });

  describe('settings and the reader’s zone', () => {
    let c: Awaited<ReturnType<typeof sharingCommunity>>;
    before(async () => {
      c = await sharingCommunity(h);
    });
    after(async () => {
      await UserTimeZone.destroy({ where: { userId: await userIdIn(c.communityId, 'learner1') } });
    });

    it('lets facilitators, and only them, change the community’s zone; an unknown zone changes nothing', async () => {
      const facilitator = await c.as('instructor');
      const learner = await c.as('learner1');
      assert.equal((await learner.get(`${c.base}/settings`)).status, 403);
      assert.equal((await learner.post(`${c.base}/settings`, { timeZone: 'Europe/Paris' })).status, 403);
      const page = await facilitator.get(`${c.base}/settings`);
      assert.equal(page.status, 200);
      assert.match(page.text, /aria-current="page"[^>]*>(Paramètres|Settings)</);
      const bad = await facilitator.post(`${c.base}/settings`, { timeZone: 'Mars/Olympus' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Choisissez un fuseau horaire de la liste|Choose a time zone from the list/);
      assert.equal((await Community.findByPk(c.communityId))!.timeZone, DEFAULT_ZONE);
      const saved = await facilitator.post(`${c.base}/settings`, { timeZone: 'America/Vancouver' });
      assert.equal(saved.status, 200);
      assert.match(saved.text, /role="status"[^>]*>[^<]*America\/Vancouver/);
      assert.equal((await Community.findByPk(c.communityId))!.timeZone, 'America/Vancouver');
    });

    it('shows dates in the community’s zone until the member chooses their own, and back', async () => {
      const sophie = await c.as('learner2');
      const alex = await c.as('learner1');
      const threadId = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Quelle heure?', body: 'On se parle à midi, heure de chez nous.' })).url, 'threads');
      const post = (await Post.findOne({ where: { threadId } }))!;
      const shown = async (zone: string) => (await alex.get(`${c.base}/threads/${threadId}`)).text.includes(`>${dateLabels.when(post.createdAt, 'en', zone)}</time>`);
      assert.ok(await shown('America/Vancouver'), 'the community’s zone');

      // The profile says which zone applies and links to the form, whose first choice follows the community.
      const profile = await alex.get(`${c.base}/profile`);
      assert.match(profile.text, /Time zone: America\/Vancouver/);
      const form = await alex.get(`${c.base}/meetings/timezone`);
      assert.match(form.text, /<option value="community" selected>Use the community&#39;s zone \(America\/Vancouver\)<\/option>/);

      await alex.post(`${c.base}/meetings/timezone`, { timeZone: 'America/Halifax' });
      assert.ok(await shown('America/Halifax'), 'the member’s own zone');
      assert.match((await alex.get(`${c.base}/meetings/timezone`)).text, /<option value="America\/Halifax" selected>/);

      await alex.post(`${c.base}/meetings/timezone`, { timeZone: 'community' });
      assert.equal(await UserTimeZone.count({ where: { userId: await userIdIn(c.communityId, 'learner1') } }), 0);
      assert.ok(await shown('America/Vancouver'), 'back to the community’s zone');
      assert.equal((await alex.post(`${c.base}/meetings/timezone`, { timeZone: 'Nowhere/Land' })).status, 400);
    });
  });
});

/** A fresh course whose instructor's LMS profile has `zone`. */
function newCourseWithZone(h: Harness, zone: string): string {
  const courseId = newCourse(h.moodle, 'Fuseau');
  h.moodle.courses.get(courseId)!.members.find((m) => m.id === 'instructor')!.timeZone = zone;
  return courseId;
}
