import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ROLES, type BrowserAgent } from '../../src/devplatform';
import { scoreSendsIdle } from '../../src/participation/service';
import { PdEntry } from '../../src/pd/model';
import { launchChromium, artifact, axeViolations, enterAs } from '../helpers/browser';
import { contribute, drain, freshTokens, gradeCommunity, len } from './helpers';

describe('participation and PD pages in Chromium (axe, WCAG 2.1 AA; narrow iframe width)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(freshTokens);

  it('every page passes axe and fits a 360-pixel-wide frame', async () => {
    const dean = { id: 'dean2', name: 'Dana Dean', locale: 'fr-CA', roles: [ROLES.learner], institutionRoles: [ROLES.institutionAdministrator] };
    const gc = await gradeCommunity('moodle', ['learner1', 'learner3', 'dean2'], (p, c) => p.courses.get(c)!.members.push(dean));
    await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
    await contribute(gc, 'learner1', 'post.reply', len(10), { type: 'post', id: 2 });
    await drain(gc.communityId);
    const m = gc.m.learner1;
    await PdEntry.create({ communityId: gc.communityId, cohortId: m.cohortId, membershipId: m.id, userId: m.userId, source: 'declared', category: 'lecture', minutes: 90, date: '2026-10-01', title: 'Lecture : la rétroaction', status: 'pending' });
    const pages: Array<[string, BrowserAgent, string]> = [
      ['participation-learner', gc.as.learner1.agent, `/c/${gc.communityId}/participation`],
      ['participation-facilitator', gc.agent, `/c/${gc.communityId}/participation`],
      ['participation-member', gc.agent, `/c/${gc.communityId}/participation/members/${m.id}`],
      ['participation-settings', gc.agent, `/c/${gc.communityId}/participation/settings`],
      ['participation-sync', gc.agent, `/c/${gc.communityId}/participation/sync`],
      ['pd-learner', gc.as.learner1.agent, `/c/${gc.communityId}/pd`],
      ['pd-facilitator', gc.agent, `/c/${gc.communityId}/pd`],
      ['pd-transcript', gc.as.learner1.agent, `/c/${gc.communityId}/pd/transcript`],
      ['institution-report', gc.as.dean2.agent, '/institution/report'],
    ];
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      for (const [name, as, path] of pages) {
        await enterAs(context, gc.h.toolUrl, as);
        const res = await page.goto(`${gc.h.toolUrl}${path}`);
        assert.equal(res?.status(), 200, name);
        assert.deepEqual(await axeViolations(page), [], `${name} passes axe`);
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.ok(Number(overflow) <= 1, `${name} does not scroll sideways (${overflow}px)`);
        await page.screenshot({ path: artifact(`${name}.png`), fullPage: true });
      }
    } finally {
      await context.close();
      await scoreSendsIdle();
    }
  });
});
