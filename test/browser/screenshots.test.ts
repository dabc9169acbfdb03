import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Browser, Frame, Page } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, artifact, axeViolations } from '../helpers/browser';
import { sharingCommunity, idFrom } from '../helpers/sharing';

/**
 * Issue 18, "Verified by": the pages members use most — home, a thread, the composer with its
 * preview, search results and the open menu — inside the platform's iframe at 400 and 1280 px,
 * saved as PNGs in test/artifacts/screens/ (git-ignored) to look at; axe finds nothing on them in
 * French and in English, and nothing of the header is cut at 700 px.
 */
describe('in a real browser: screenshots and audits of the main pages inside the iframe', function () {
  this.timeout(300_000);
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let threadId: number;
  const problems: string[] = [];
  const screens = path.dirname(artifact('screens/x.png'));

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    const sophie = await c.as('learner2');
    const made = await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Billets de sortie en troisième secondaire', body: 'J’ai essayé des **billets de sortie** pour travailler la rétroaction écrite.\n\n- Trois questions courtes\n- Un retour le lendemain\n\nAvez-vous déjà utilisé cette pratique avec vos élèves?' });
    assert.equal(made.status, 200, made.text.slice(0, 300));
    threadId = idFrom(made.url, 'threads');
    await (await c.as('instructor')).post(`${c.base}/threads/${threadId}/reply`, { body: 'Merci pour ce partage. Je l’ai transposé en adaptation scolaire, avec une seule question.' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  after(async () => {
    await browser?.close();
  });

  async function launchInFrame(userId: string): Promise<Frame> {
    await page.goto(h.moodle.url);
    await page.click(`a.button[target="tool"][href*="user=${userId}&course=${c.course}"]:not([href*="deeplink"])`);
    const frame = page.frame({ name: 'tool' })!;
    await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
    await frame.waitForSelector('main');
    return frame;
  }

  /** Open a page of the tool inside the frame (same frame, same partitioned session). */
  async function open(frame: Frame, p: string): Promise<void> {
    const res = await frame.goto(new URL(p, h.toolUrl).href);
    assert.equal(res?.status(), 200, p);
    await frame.waitForSelector('main');
  }

  /** Headless Chromium may leave a cross-site frame unpainted until it scrolls: scroll it, then save the frame's part of the platform page. */
  async function shoot(frame: Frame, name: string): Promise<string> {
    const tool = page.locator('iframe[name="tool"]');
    await tool.scrollIntoViewIfNeeded();
    const box = (await tool.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.wheel(0, 40);
    await page.mouse.wheel(0, -40);
    await frame.evaluate(() => window.scrollTo(0, 0));
    const file = path.join(screens, `${name}.png`);
    await page.screenshot({ path: file, clip: box, timeout: 20_000 });
    return file;
  }

  /** The pages, each brought to the state shown: the composer with its preview open, the menu open. */
  const pages: Array<{ name: string; path: () => string; prepare?: (f: Frame, width: number) => Promise<void> }> = [
    { name: 'home', path: () => c.base },
    { name: 'thread', path: () => `${c.base}/threads/${threadId}` },
    {
      name: 'composer',
      path: () => `${c.base}/threads/new`,
      prepare: async (f) => {
        await f.fill('#title', 'Vos idées pour la gestion de classe?');
        await f.fill('textarea[name="body"]', 'Je cherche des **routines de début de cours** qui fonctionnent en classe multiniveau.\n\n- Accueil à la porte\n- Question du jour');
        await f.click('.preview-toggle');
        await f.waitForSelector('.post-body.preview:not([hidden]) strong');
      },
    },
    { name: 'search', path: () => `${c.base}/search?q=billets`, prepare: async (f) => void (await f.waitForSelector('main .hit a.thread-title')) },
    {
      name: 'menu',
      path: () => c.base,
      prepare: async (f) => {
        if (await f.isVisible('[data-menu-toggle]')) await f.click('[data-menu-toggle]');
        await f.waitForSelector('#nav-groups', { state: 'visible' });
      },
    },
  ];

  for (const [userId, lang] of [['instructor', 'fr'], ['learner1', 'en']] as const) {
    it(`${lang}: each page at 400 and 1280 px passes axe${lang === 'fr' ? ', and is saved as a painted screenshot' : ''}`, async () => {
      const found: string[] = [];
      for (const width of [400, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const frame = await launchInFrame(userId);
        assert.equal(await frame.getAttribute('html', 'lang'), lang);
        for (const p of pages) {
          await open(frame, p.path());
          await p.prepare?.(frame, width);
          for (const v of await axeViolations(frame)) found.push(`${p.name} ${width}px: ${v.id} ${JSON.stringify(v.nodes.slice(0, 2))}`);
          if (lang !== 'fr') continue;
          const file = await shoot(frame, `${p.name}-${width}`);
          const size = fs.statSync(file).size;
          // A blank (unpainted) frame compresses to a few hundred bytes; a page with text, far more.
          assert.ok(size > 8_000, `${file}: ${size} bytes, the frame looks unpainted`);
          assert.ok((await frame.evaluate(() => document.body.innerText.trim().length)) > 100, `${p.name}: the page has content`);
        }
      }
      assert.deepEqual(found, []);
      assert.deepEqual(problems, [], 'no script error');
    });
  }

  it('keeps the whole header inside the frame at 700 px, in both languages', async () => {
    for (const userId of ['instructor', 'learner1']) {
      await page.setViewportSize({ width: 700, height: 900 });
      const frame = await launchInFrame(userId);
      const cut = await frame.evaluate(() => {
        const header = document.querySelector('header')!;
        return { scroll: header.scrollWidth, client: header.clientWidth };
      });
      assert.ok(cut.scroll <= cut.client, `${userId}: header ${cut.scroll} > ${cut.client}`);
    }
  });

  it('saved every screenshot, none empty, each a different picture (the frame was painted each time)', () => {
    for (const width of [400, 1280]) {
      const digests = pages.map((p) => {
        const file = path.join(screens, `${p.name}-${width}.png`);
        assert.ok(fs.existsSync(file) && fs.statSync(file).size > 0, file);
        return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      });
      assert.equal(new Set(digests).size, pages.length, `${width}px: two screenshots are the same picture`);
    }
  });
});
