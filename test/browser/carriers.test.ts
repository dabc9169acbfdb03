import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchChromium } from '../helpers/browser';
import { launchInFrame, refuseSessionCookie } from '../helpers/frame';
import { Session } from '../../src/sessions/model';
import { User } from '../../src/users/model';
import { Thread } from '../../src/discussions/model';
import { SESSION_COOKIE } from '../../src/sessions/carrier';

/** The session a user's latest launch opened. */
async function latestSession(userSub: string): Promise<Session> {
  const rows = await Session.findAll({ order: [['createdAt', 'DESC']], limit: 20 });
  for (const s of rows) if ((await User.findByPk(s.userId))?.sub === userSub) return s;
  throw new Error(`no session for ${userSub}`);
}

/**
 * Issue #16, carriers in order: the partitioned cookie where Chromium keeps it in the LMS frame;
 * where it is refused, a token held by the tab (sessionStorage) and sent as a header by Turbo
 * Drive on every navigation and form. Either way, no address ever carries it.
 */
describe('in a real browser: the session carriers', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  let course: string;
  let communityId: number;

  before(async () => {
    h = await harness();
    course = newCourse(h.moodle, 'Porteurs');
    ({ communityId } = await setUpCommunity(h, h.moodle, course));
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  /** Every address the page asked the tool for, to check none carries the token. */
  function watch(page: Page): string[] {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('framenavigated', (f) => urls.push(f.url()));
    return urls;
  }

  async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-CA', viewport: { width: 1000, height: 900 } });
    return { context, page: await context.newPage() };
  }

  it('keeps the partitioned cookie where Chromium accepts it, and records that carrier', async () => {
    const { context, page } = await fresh();
    try {
      const urls = watch(page);
      const frame = await launchInFrame(h, page, 'learner1', course);
      await frame.waitForSelector('h1#greet');
      assert.equal(new URL(frame.url()).pathname, `/c/${communityId}`);
      const session = await latestSession('learner1');
      assert.equal(session.carrier, 'cookie');
      assert.equal(await frame.evaluate(tabToken), null, 'the tab keeps nothing when the cookie works');
      const cookie = (await context.cookies(h.toolUrl)).find((c) => c.name === SESSION_COOKIE);
      assert.ok(cookie, 'the session cookie is stored');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.sameSite, 'None');
      assert.equal(await frame.evaluate(() => document.cookie.includes('coper_session')), false, 'HttpOnly: no script reads it');
      await frame.click(`nav a[href="/c/${communityId}/discussions"]`);
      await frame.waitForURL(`**/c/${communityId}/discussions`);
      const token = await sessionTokenOf(context);
      assert.ok(urls.every((u) => !u.includes(token)), 'no address carries the token');
    } finally {
      await context.close();
    }
  });

  it('falls back to a token held by the tab when the cookie is refused: links and forms carry it as a header, never in an address', async () => {
    const { context, page } = await fresh();
    try {
      await refuseSessionCookie(h, context);
      const urls = watch(page);
      const headers: string[] = [];
      let sent = '';
      page.on('request', (r) => {
        const header = r.headers()['x-coper-session'];
        if (header) sent = header;
        if (r.url().startsWith(h.toolUrl) && !r.url().includes('/public/')) headers.push(`${r.method()} ${new URL(r.url()).pathname} ${header ? 'header' : '-'}`);
      });
      const frame = await launchInFrame(h, page, 'learner3', course);
      await frame.waitForSelector('h1#greet');
      assert.equal(new URL(frame.url()).pathname, `/c/${communityId}`);
      assert.equal((await context.cookies(h.toolUrl)).some((c) => c.name === SESSION_COOKIE), false, 'the cookie was refused');
      const token = sent;
      assert.ok(token, 'the tab sends the token as a header');
      const stored = await frame.evaluate(tabToken);
      assert.ok(stored === null || stored === token, 'sessionStorage holds that token, or Chromium denies storage to the frame (memory only)');
      const session = await latestSession('learner3');
      assert.equal(session.carrier, 'tab');

      await frame.click(`nav a[href="/c/${communityId}/discussions"]`);
      await frame.waitForURL(`**/c/${communityId}/discussions`);
      await frame.waitForSelector('h1');
      await frame.click(`a[href^="/c/${communityId}/threads/new"]`);
      await frame.waitForSelector('form[action$="/threads"] #title');
      await frame.fill('#title', 'Une question par l’onglet');
      await frame.fill('#body', 'Le jeton voyage dans un en-tête, jamais dans une adresse.');
      await frame.click('form[action$="/threads"] button[type="submit"]');
      await frame.waitForURL(/\/threads\/\d+$/);
      const thread = await Thread.findOne({ where: { communityId, title: 'Une question par l’onglet' } });
      assert.ok(thread, 'the form went through with the tab\'s header');
      assert.match(await frame.textContent('h1') ?? '', /Une question par l’onglet/);
      assert.ok(headers.some((l) => l.startsWith(`POST /c/${communityId}/threads header`)), headers.join('\n'));
      // A file (the PD transcript as CSV) downloads with the header too.
      await frame.evaluate((href) => (window as unknown as { Turbo: { visit: (u: string) => void } }).Turbo.visit(href), `/c/${communityId}/pd/transcript`);
      await frame.waitForSelector('a[href*="/pd/transcript.csv"]');
      const [download] = await Promise.all([page.waitForEvent('download'), frame.click('a[href*="/pd/transcript.csv"]')]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      assert.match(csv, /^\uFEFF?cycle,date,/);
      assert.ok(urls.every((u) => !u.includes(token)), 'no address carries the token');

      // A full reload reaches the server without the header: with sessionStorage the page asks again
      // with it; with memory only (Chromium) the page says to open CoPeR from the course, and shows nothing of the thread.
      await frame.goto(frame.url());
      if (stored) await frame.waitForSelector(`h1:has-text("Une question par l’onglet")`);
      else {
        await frame.waitForSelector('[data-session-missing]');
        assert.doesNotMatch(await frame.content(), /Une question par l’onglet|Nadia/);
      }
    } finally {
      await context.close();
    }
  });

  it('where the tab may keep the token in sessionStorage (a window of its own here), a full reload asks again with the header', async () => {
    const { context, page } = await fresh();
    try {
      await refuseSessionCookie(h, context);
      await page.goto(`${h.moodle.url}/launch?user=mentor&course=${course}`);
      await page.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
      await page.waitForSelector('h1#greet');
      assert.equal((await latestSession('mentor')).carrier, 'tab');
      const token = await page.evaluate(tabToken);
      assert.ok(token, 'sessionStorage holds the token');
      assert.equal((await context.cookies(h.toolUrl)).some((c) => c.name === SESSION_COOKIE), false);
      await page.reload();
      await page.waitForSelector('h1#greet');
      assert.ok(!page.url().includes(token), 'the address never carries it');
    } finally {
      await context.close();
    }
  });
});

/** What the tab holds in sessionStorage (null when none, or when Chromium denies storage to the frame). */
function tabToken(): string | null {
  try {
    return sessionStorage.getItem('coper.session');
  } catch {
    return null;
  }
}

async function sessionTokenOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value ?? '';
}
