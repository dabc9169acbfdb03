import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { BrowserAgent } from '../../src/devplatform';
import { SESSION_COOKIE } from '../../src/sessions/carrier';

/** Debian's Chromium (apt-get install chromium), headless, with a fresh profile: third-party cookies blocked, as users have it. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A Safari-like Chromium: the tool's cookies are refused inside the LMS's frame, partitioned ones
 * included, and kept in a window of its own (Safari's default, third-party cookies blocked).
 * Debian's Chromium 156 keeps partitioned cookies whatever the flags: `--disable-features=
 * PartitionedCookies` (and `--test-third-party-cookie-phaseout`) no longer change anything, the
 * feature having shipped. What does refuse them is a cookie content setting in the profile, as a
 * user's "Sites not allowed to use third-party cookies" list makes: block `http://localhost:*`
 * (the tool) when the top-level site is `http://127.0.0.1:*` (the development platforms). Each
 * call gets a fresh profile; `close` drops it.
 */
export async function launchSafariLikeChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-safari-like-'));
  fs.mkdirSync(path.join(dir, 'Default'));
  const blocked = { 'http://localhost:*,http://127.0.0.1:*': { setting: 2 } }; // 2 = CONTENT_SETTING_BLOCK
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { content_settings: { exceptions: { cookies: blocked } } } }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    locale: 'en-CA',
    viewport: { width: 1000, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go (git-ignored). */
export function artifact(name: string): string {
  const dir = path.resolve(__dirname, '../artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Run axe-core (WCAG 2.1 A/AA rules) in a page or frame; returns the violations. */
export async function axeViolations(target: { evaluate: (fn: string) => Promise<unknown> }): Promise<Array<{ id: string; help: string; nodes: unknown[] }>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = (require('axe-core') as { source: string }).source;
  await target.evaluate(source);
  return (await target.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target) })))`,
  )) as Array<{ id: string; help: string; nodes: unknown[] }>;
}

/**
 * Open each page at 400 px wide (an LMS iframe), with the session of the member it is paired with;
 * each must answer 200. Returns what is wrong, one line each: axe violations (WCAG 2.1 A/AA) and
 * horizontal scrolling.
 */
/**
 * Give a Chromium context the session a launched agent holds (its cookie, first-party here), so a
 * test opens tool pages as that member without ever putting the session in an address.
 */
export async function enterAs(context: BrowserContext, toolUrl: string, agent: BrowserAgent): Promise<void> {
  const value = agent.cookies.get(new URL(toolUrl).host)[SESSION_COOKIE];
  assert.ok(value, 'this browser holds no session');
  await context.clearCookies({ name: SESSION_COOKIE });
  await context.addCookies([{ name: SESSION_COOKIE, value, url: toolUrl, httpOnly: true }]);
}

export async function auditPages(browser: Browser, toolUrl: string, pages: Array<[{ agent: BrowserAgent }, string]>): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 400, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  try {
    for (const [member, p] of pages) {
      await enterAs(context, toolUrl, member.agent);
      const res = await page.goto(new URL(p, toolUrl).href);
      assert.equal(res?.status(), 200, p);
      for (const v of await axeViolations(page)) problems.push(`${p}: ${v.id}: ${(v.nodes as string[][]).map((n) => n.join(' ')).slice(0, 3).join(' | ')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) problems.push(`${p}: horizontal scroll of ${overflow}px at 400px wide`);
    }
  } finally {
    await context.close();
  }
  return problems;
}

/** Select a passage of the opening post of the sample thread: its bold words and the word after them ("Marianne Dubuc plaisent"). */
export async function selectOpeningPassage(target: Page | Frame): Promise<void> {
  await target.evaluate(() => {
    const strong = document.querySelector('.opening .post-body strong')!;
    const range = document.createRange();
    range.setStart(strong.firstChild!, 0);
    range.setEnd(strong.nextSibling!, ' plaisent'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
}
