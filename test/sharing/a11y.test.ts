import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from './helpers';
import { launchChromium } from './browser';
import { Post } from '../../src/discussions/model';

const AXE = require.resolve('axe-core/axe.min.js');

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
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const [member, p] of pages) {
      const url = new URL(p, h.toolUrl);
      url.searchParams.set('s', member.s);
      const res = await page.goto(url.href);
      assert.equal(res?.status(), 200, p);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      });
      for (const v of violations) problems.push(`${p}: ${v}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) problems.push(`${p}: horizontal scroll of ${overflow}px at 400px wide`);
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
});
