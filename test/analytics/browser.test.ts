import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../helpers/harness';
import { courseCommunity, keepLearner2Out } from '../helpers/community';
import { launchChromium, artifact, axeViolations, enterAs } from '../helpers/browser';
import type { BrowserAgent } from '../../src/devplatform';
import { launchMember, type Member } from '../governance/helpers';
import { seedCommunity } from './seed';
import { Community, Membership } from '../../src/kernel/community';

/** The analytics pages in headless Chromium: charts drawn, readable in a narrow iframe, no axe violations (WCAG 2.1 AA). */
describe('analytics pages in Chromium (charts, axe, narrow viewport)', function () {
  this.timeout(180_000);
  let h: Harness;
  let browser: Browser;
  let cid: number;
  let facilitator: BrowserAgent;
  let alex: Member;

  before(async () => {
    const setup = await courseCommunity('moodle', 'Browser', keepLearner2Out);
    h = setup.h;
    cid = setup.communityId;
    facilitator = setup.agent;
    alex = await launchMember(h, setup.courseId, 'learner1');
    const community = (await Community.findByPk(cid))!;
    await seedCommunity(new Date(), 11, { community, cohort: setup.cohort });
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  const open = async (page: Page, path: string, as: BrowserAgent) => {
    await enterAs(page.context(), h.toolUrl, as);
    const res = await page.goto(`${h.toolUrl}${path}`);
    assert.equal(res!.status(), 200, path);
  };

  it('draws the three charts of a busy community and passes axe, in a wide and a narrow viewport', async () => {
    for (const width of [1100, 400]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await open(page, `/c/${cid}/analytics?period=12w`, facilitator);
      const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => ({ id: s.id, w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, bars: s.querySelectorAll('rect:not(.track)').length, name: s.getAttribute('aria-labelledby') })));
      assert.deepEqual(charts.map((c) => c.id), ['chart-series', 'chart-distribution', 'chart-depth']);
      for (const c of charts) {
        assert.ok(c.w > 200 && c.h > 50, `${c.id} is drawn (${c.w}×${c.h})`);
        assert.ok(c.bars >= 3, `${c.id} has bars`);
      }
      const fill = await page.$eval('svg.chart rect.k-sharing', (r) => getComputedStyle(r).fill);
      assert.equal(fill, 'rgb(29, 92, 143)', 'colours come from analytics.css (no inline style under the CSP)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
      assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px): ${wide.join(', ')}`);
      await page.click('details summary >> nth=0');
      assert.deepEqual(await axeViolations(page), [], `axe at ${width}px`);
      await page.screenshot({ path: artifact(`analytics-dashboard-${width}.png`), fullPage: true });
      await context.close();
    }
  });

  it('passes axe on the members table, a member page and a member\'s own summary', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const someone = (await Membership.findOne({ where: { communityId: cid, role: 'member', status: 'active' }, order: [['id', 'DESC']] }))!.id;
    for (const path of [`/c/${cid}/analytics/members`, `/c/${cid}/analytics/members/${someone}?period=all`]) {
      await open(page, path, facilitator);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.screenshot({ path: artifact('analytics-member.png'), fullPage: true });
    await open(page, `/c/${cid}/my-activity`, alex.agent);
    assert.deepEqual(await axeViolations(page), [], 'my activity');
    assert.equal(await page.locator('svg.chart[role="img"]').count(), 1);
    await context.close();
  });
});
