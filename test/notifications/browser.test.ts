import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, artifact, axeViolations, enterAs } from '../helpers/browser';
import { communityWithMembers, notifyNow } from './helpers';
import { recipientHint } from '../../src/notifications/tokens';
import { unsubscribeLink } from '../../src/notifications/links';

/** The notification pages in headless Chromium, in a narrow window (as in an LMS iframe), checked with axe. */
describe('in a real browser: notification pages are accessible', function () {
  this.timeout(90_000);
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    h = await harness();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401/.test(m.text())) problems.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the bell, the list, the preferences, the landing and unsubscribe pages without axe violations', async () => {
    const a = await communityWithMembers(h);
    const { learner3, instructor } = a.people;
    await notifyNow(h, { communityId: a.communityId, recipients: [learner3.membershipId], actorMembershipId: instructor.membershipId, kind: 'mention', params: { title: 'Grille d’observation' }, link: `/c/${a.communityId}` });
    await notifyNow(h, { communityId: a.communityId, recipients: [learner3.membershipId], kind: 'meeting.scheduled', params: { title: 'Rencontre de décembre', when: '2026-12-03T18:30:00Z' }, link: `/c/${a.communityId}` });

    await enterAs(page.context(), h.toolUrl, learner3.agent);
    await page.goto(`${h.toolUrl}${`/c/${a.communityId}/notifications`}`);
    assert.equal(await page.locator('.bell').getAttribute('data-bell-count'), '2');
    assert.equal(await page.locator('li.notif.unread').count(), 2);
    assert.deepEqual(await axeViolations(page), [], 'notifications page');
    await page.screenshot({ path: artifact('notifications-list.png'), fullPage: true });

    await page.click('li.notif a >> nth=1');
    await enterAs(page.context(), h.toolUrl, learner3.agent);
    await page.goto(`${h.toolUrl}${`/c/${a.communityId}/notifications`}`);
    assert.equal(await page.locator('li.notif.unread').count(), 1, 'the opened one is read');

    await enterAs(page.context(), h.toolUrl, instructor.agent);
    await page.goto(`${h.toolUrl}${`/c/${a.communityId}/notifications/preferences`}`);
    await page.selectOption('#pref-reply', 'weekly');
    assert.deepEqual(await axeViolations(page), [], 'preferences page');
    await page.screenshot({ path: artifact('notifications-preferences.png'), fullPage: true });
    await page.click('main button[type=submit]');
    await page.waitForSelector('[role=status]');
    assert.equal(await page.locator('#pref-reply').inputValue(), 'weekly');

    await page.context().clearCookies(); // an e-mail link opened outside the LMS: no session
    await page.goto(`${h.toolUrl}/c/${a.communityId}?r=${recipientHint(h.config.LTI_KEY, learner3.membershipId, `/c/${a.communityId}`)}`);
    assert.equal(await page.locator('[data-lms-course]').count(), 1);
    assert.deepEqual(await axeViolations(page), [], 'landing page');

    await page.goto(unsubscribeLink(h.config, learner3.membershipId, 'digest.daily'));
    assert.deepEqual(await axeViolations(page), [], 'unsubscribe page');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-unsubscribed]');
    assert.deepEqual(problems, []);
  });
});
