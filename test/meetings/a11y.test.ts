import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium, enterAs } from '../helpers/browser';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchMember, memberFrom, CHARTER_FORM, localIn, type Member } from '../governance/helpers';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Governance and meeting pages in a real Chromium, in a narrow (iframe-like) viewport: no axe violations (WCAG 2.1 AA). */
describe('governance and meeting pages are accessible (axe in Chromium)', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  let fac: Member;
  let learner: Member;
  let cid: number;
  const pages: string[] = [];

  before(async () => {
    h = await harness();
    const course = newCourse(h.moodle);
    const setup = await setUpCommunity(h, h.moodle, course);
    cid = setup.communityId;
    fac = memberFrom(h, setup.agent, cid);
    await fac.post(`/c/${cid}/charter`, CHARTER_FORM);
    learner = await launchMember(h, course, 'learner1');
    const p = await learner.post(`/c/${cid}/proposals`, { kind: 'decision', rule: 'consensus', title: 'Try peer observation', deadline: localIn(120) });
    const pid = /\/proposals\/(\d+)/.exec(p.url)![1];
    const m = await fac.post(`/c/${cid}/meetings`, { title: 'Rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: localIn(-5), durationMinutes: '60', topics: 'Accueil' });
    const mid = /\/meetings\/(\d+)/.exec(m.url)![1];
    await fac.post(`/c/${cid}/proposals/${pid}/vote`, { choice: 'agree' });
    pages.push(`/c/${cid}`, `/c/${cid}/charter`, `/c/${cid}/proposals`, `/c/${cid}/proposals/new?kind=poll`, `/c/${cid}/proposals/new?kind=amendment`, `/c/${cid}/proposals/${pid}`,
      `/c/${cid}/meetings`, `/c/${cid}/meetings/new`, `/c/${cid}/meetings/${mid}`, `/c/${cid}/meetings/${mid}/attendance`, `/c/${cid}/meetings/timezone`);
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('has no axe violations on the charter, proposal and meeting pages', async () => {
    // The facilitator sees every control (attendance, minutes).
    const context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await enterAs(context, h.toolUrl, fac.agent);
    for (const path of pages) {
      const res = await page.goto(`${h.toolUrl}${path}`);
      assert.equal(res!.status(), 200, path);
      await page.evaluate(AXE);
      const violations = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`)) as string[];
      assert.deepEqual(violations, [], `${path}\n${violations.join('\n')}`);
      if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${path.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
    }
    await context.close();
  });
});
