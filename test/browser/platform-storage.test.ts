import assert from 'node:assert/strict';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchSafariLikeChromium } from '../helpers/browser';
import { Session } from '../../src/sessions/model';
import { User } from '../../src/users/model';
import { LtiLogin } from '../../src/lti/login-model';
import { SESSION_COOKIE } from '../../src/sessions/carrier';
import { STORAGE_FRAME } from '../../src/devplatform/storage';

/** The session a user's latest launch opened. */
async function latestSession(userSub: string): Promise<Session> {
  const rows = await Session.findAll({ order: [['createdAt', 'DESC']], limit: 20 });
  for (const s of rows) if ((await User.findByPk(s.userId))?.sub === userSub) return s;
  throw new Error(`no session for ${userSub}`);
}

/** The tool's cookies the browser kept (partitioned ones included), by name. */
async function toolCookies(context: BrowserContext, toolUrl: string): Promise<string[]> {
  return (await context.cookies(toolUrl)).map((c) => c.name);
}

/**
 * Issue #16, item 3, in a browser that refuses the tool's cookies inside the LMS frame, partitioned
 * ones included (Safari): from the Canvas flavour the launch goes through LTI Platform Storage and
 * stays in the frame; from the Moodle flavour (no storage) it goes on in a new tab.
 */
describe('in a Safari-like Chromium: the launch state through platform storage, else the new tab', function () {
  this.timeout(180_000);
  let h: Harness;
  let browser: Awaited<ReturnType<typeof launchSafariLikeChromium>>;
  let canvasCourse: string;
  let moodleCourse: string;
  let canvasCommunity: number;
  let moodleCommunity: number;

  before(async () => {
    h = await harness();
    canvasCourse = newCourse(h.canvas, 'Stockage Canvas');
    moodleCourse = newCourse(h.moodle, 'Stockage Moodle');
    ({ communityId: canvasCommunity } = await setUpCommunity(h, h.canvas, canvasCourse));
    ({ communityId: moodleCommunity } = await setUpCommunity(h, h.moodle, moodleCourse));
    browser = await launchSafariLikeChromium();
  });
  after(async () => browser?.close());

  /** Every POST to the tool's launch address, with its body. */
  function launchPosts(page: Page): string[] {
    const posts: string[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && r.url() === `${h.toolUrl}/lti/launch`) posts.push(r.postData() ?? '');
    });
    return posts;
  }

  it('refuses the tool’s cookies in the LMS frame, partitioned ones included (the Moodle case below shows them kept at the top level)', async () => {
    const page = await browser.context.newPage();
    try {
      // The tool's login sets ltijs's state cookie (SameSite=None; Secure; Partitioned) on the way.
      await page.goto(h.canvas.url);
      await page.click(`a.button[target="tool"][href*="user=learner2&course=${canvasCourse}"]:not([href*="deeplink"])`);
      const frame = page.frame({ name: 'tool' })!;
      await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 30_000 });
      const names = await toolCookies(browser.context, h.toolUrl);
      assert.equal(names.some((n) => n.startsWith('state')), false, `no state cookie kept in the frame: ${names.join(', ')}`);
      assert.equal(names.includes(SESSION_COOKIE), false, 'no session cookie kept in the frame');
      assert.equal(await frame.evaluate(() => document.cookie), '');
    } finally {
      await page.close();
    }
  });

  it('Canvas flavour: stores the state and nonce with the platform, reads them back, and launches inside the iframe', async () => {
    const page = await browser.context.newPage();
    const tabs = browser.context.pages().length;
    try {
      const posts = launchPosts(page);
      await page.goto(h.canvas.url);
      assert.ok(page.frame({ name: STORAGE_FRAME }), 'the platform frames its storage beside the tool');
      await page.click(`a.button[target="tool"][href*="user=learner1&course=${canvasCourse}"]:not([href*="deeplink"])`);
      const frame = page.frame({ name: 'tool' })!;
      await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 30_000 });
      await frame.waitForSelector('h1#greet');
      assert.equal(new URL(frame.url()).pathname, `/c/${canvasCommunity}`, 'inside the iframe, on the community');
      assert.equal(browser.context.pages().length, tabs, 'no new tab');

      // The cookie was refused: the launch was bound through the platform's storage instead.
      const names = await toolCookies(browser.context, h.toolUrl);
      assert.equal(names.some((n) => n.startsWith('state')), false, `the state cookie was refused: ${names.join(', ')}`);
      assert.equal(posts.length, 2, 'the platform’s form_post, then the tool’s page with what it read');
      assert.doesNotMatch(posts[0], /lti_storage=/);
      const second = new URLSearchParams(posts[1]);
      assert.equal(second.get('lti_storage'), 'checked');
      const login = await LtiLogin.findByPk(second.get('state')!);
      assert.ok(login?.usedAt, 'the login was used, once');
      assert.equal(second.get('storage_state'), login.state);
      assert.equal(second.get('storage_nonce'), login.nonce);
      const stored = await page.frame({ name: STORAGE_FRAME })!.evaluate(() => Object.keys(localStorage));
      const origin = new URL(h.toolUrl).origin;
      assert.ok(stored.includes(`lti-storage|${origin}|state_${login.state}`), stored.join('\n'));
      assert.ok(stored.includes(`lti-storage|${origin}|nonce_${login.nonce}`), stored.join('\n'));

      // The session then rides in the tab (no cookie here either).
      assert.equal((await latestSession('learner1')).carrier, 'tab');
      assert.equal((await toolCookies(browser.context, h.toolUrl)).includes(SESSION_COOKIE), false);
    } finally {
      await page.close();
    }
  });

  it('Moodle flavour (no platform storage): offers the new tab, where the launch completes with a first-party cookie', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(h.moodle.url);
      assert.equal(page.frame({ name: STORAGE_FRAME }), null, 'Moodle frames no storage');
      await page.click(`a.button[target="tool"][href*="user=learner3&course=${moodleCourse}"]:not([href*="deeplink"])`);
      const frame = page.frame({ name: 'tool' })!;
      await frame.waitForSelector('[data-reason="COOKIES_BLOCKED"]', { timeout: 30_000 });
      assert.equal(new URL(frame.url()).pathname, '/lti/launch');
      const [tab] = await Promise.all([browser.context.waitForEvent('page'), frame.click('a[target="_blank"][href^="/lti/login?"]')]);
      await tab.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && u.pathname === `/c/${moodleCommunity}`, { timeout: 30_000 });
      await tab.waitForSelector('h1#greet');
      assert.equal((await latestSession('learner3')).carrier, 'cookie', 'in its own tab the tool’s cookie is kept');
      assert.ok((await toolCookies(browser.context, h.toolUrl)).includes(SESSION_COOKIE));
      await tab.close();
    } finally {
      await page.close();
    }
  });
});
