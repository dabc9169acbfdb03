import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { launchChromium, auditPages } from '../helpers/browser';
import { Thread } from '../../src/discussions/model';
import { ShowcaseItem } from '../../src/showcase/model';
import { ValueStory } from '../../src/stories/model';
import { Cohort } from '../../src/kernel/community';
import { ROLES } from '../../src/devplatform';

describe('accessibility of value stories, the value report and the public showcase (axe-core, WCAG 2.1 A/AA, in Chromium)', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  before(async () => {
    h = await harness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('has no violation in French or English on stories, their form, the report, the showcase and the institution view', async () => {
    const c = await sharingCommunity(h);
    const marie = await c.as('instructor'); // French
    const alex = await c.as('learner1'); // English
    const thread = idFrom((await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Billets de sortie', body: 'Une pratique.' })).url, 'threads');
    const post = (await Thread.findByPk(thread))!.firstPostId!;
    await alex.post(`${c.base}/posts/${post}/reactions`, { kind: 'tried', on: '1' });
    await alex.post(`${c.base}/posts/${post}/stories`, { cycle: 'realized', body: 'It **worked**.', evidence: '24 of 28' });
    const resource = idFrom((await marie.post(`${c.base}/resources`, { kind: 'link', title: 'Guide', url: 'https://example.org/g', description: 'Un guide' })).url, 'resources');
    h.moodle.courses.get(c.course)!.members.push({ id: 'dean', givenName: 'Dana', familyName: 'Dean', name: 'Dana Dean', email: 'dean@example.org', locale: 'en', roles: [], institutionRoles: [ROLES.institutionAdministrator] });
    const dean = await c.as('dean');
    const cohort = (await Cohort.findOne({ where: { communityId: c.communityId } }))!.id;
    const slug = `a11y-${c.communityId}`;
    await marie.post(`${c.base}/showcase/settings`, { slug });
    await marie.post(`${c.base}/showcase/items`, { type: 'story', id: String((await ValueStory.findOne({ where: { communityId: c.communityId } }))!.id) });
    await marie.post(`${c.base}/showcase/items`, { type: 'resource', id: String(resource) });
    const item = (await ShowcaseItem.findOne({ where: { communityId: c.communityId, subjectType: 'story' } }))!;
    await alex.post(`${c.base}/showcase/items/${item.id}/consent`, { answer: 'named' });
    await marie.post(`${c.base}/showcase/items/${item.id}/publish`);
    const problems = await auditPages(browser, h.toolUrl, [
      [alex, `${c.base}/threads/${thread}`],
      [alex, `${c.base}/posts/${post}/stories`],
      [marie, `${c.base}/posts/${post}/stories`],
      [alex, `${c.base}/resources/${resource}/stories`],
      [alex, `${c.base}/stories`],
      [marie, `${c.base}/stories?cycle=realized`],
      [marie, `${c.base}/value`],
      [marie, `${c.base}/value?period=all`],
      [marie, `${c.base}/showcase`],
      [alex, `${c.base}/showcase`],
      [alex, `/p/${slug}?lang=en`],
      [alex, `/p/${slug}?lang=fr`],
      [dean, '/institution/value'],
      [dean, `/institution/value/${cohort}`],
    ]);
    assert.deepEqual(problems, []);
  });
});
