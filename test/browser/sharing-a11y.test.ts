import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { launchChromium, auditPages } from '../helpers/browser';
import { Post } from '../../src/discussions/model';

describe('accessibility of the sharing pages (axe-core, WCAG 2.1 A/AA, in Chromium)', function () {
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

  it('has no violation on lists, threads, forms, resources, journal, search and the home — in a narrow iframe-sized viewport', async () => {
    const c = await sharingCommunity(h);
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Accessibilité', body: 'Une **contribution** avec [un lien](https://example.org).', scaffold: 'my_theory', tags: 'a11y' })).url, 'threads');
    await marie.post(`${c.base}/threads/${thread}/posts`, { body: 'Une réponse @Alex Smith', scaffold: 'new_information' });
    const reply = (await Post.findOne({ where: { threadId: thread }, order: [['id', 'DESC']] }))!.id;
    const resource = idFrom((await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Guide', url: 'https://example.org/g', description: 'Un guide', tags: 'a11y' })).url, 'resources');
    const entry = idFrom((await alex.post(`${c.base}/journal`, { title: 'Billet', body: 'Réflexion', visibility: 'community' })).url, 'journal');
    const pages: Array<[typeof marie, string]> = [
      [alex, `${c.base}/discussions`],
      [alex, `${c.base}/knowledge`],
      [alex, `${c.base}/threads/new?kind=knowledge`],
      [alex, `${c.base}/threads/${thread}`],
      [alex, `${c.base}/threads/${thread}/reply?to=${reply}&quote=1`],
      [alex, `${c.base}/threads/${thread}/rise-above`],
      [marie, `${c.base}/posts/${reply}/moderate`],
      [marie, `${c.base}/scaffolds`],
      [marie, `${c.base}/moderation`],
      [alex, `${c.base}/resources`],
      [alex, `${c.base}/resources/new?kind=file`],
      [alex, `${c.base}/resources/${resource}`],
      [alex, `${c.base}/journal`],
      [alex, `${c.base}/journal/new?source=resource:${resource}`],
      [alex, `${c.base}/journal/${entry}`],
      [alex, `${c.base}/search?q=guide`],
      [alex, `${c.base}/search`],
      [alex, c.base],
    ];
    const problems = await auditPages(browser, h.toolUrl, pages);
    assert.deepEqual(problems, []);
  });
});
