import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium, enterAs } from '../helpers/browser';
import { harness, type Harness } from '../helpers/harness';
import { withSession } from '../helpers/session';
import { sharingCommunity, idFrom, type Member } from '../helpers/sharing';
import { testMedia, VTT_FR, VTT_EN } from './clips';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function postFiles(h: Harness, m: Member, p: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; data: Buffer }>) {
  const form = new FormData();
  form.append('_csrf', m.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of Object.entries(files)) form.append(k, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const r = await fetch(new URL(p, h.toolUrl), withSession(h, m.agent, { method: 'POST', body: form, redirect: 'follow' }));
  return { status: r.status, url: r.url };
}

/**
 * A clip generated with ffmpeg plays in Debian's Chromium with the page's own <video>: a click on a
 * time-coded comment seeks it, its captions track is there and showing, and its pages (the clip,
 * the upload form) have no axe violations in English and in French.
 */
describe('video of practice in Chromium: play, seek from a comment, captions, axe FR/EN', function () {
  this.timeout(180_000);
  let h: Harness;
  let browser: Browser;
  let alex: Member;
  let sophie: Member;
  let base: string;
  let clipPath: string;

  before(async () => {
    h = await harness();
    const c = await sharingCommunity(h);
    base = c.base;
    alex = await c.as('learner1'); // English
    sophie = await c.as('learner2'); // French
    const media = testMedia();
    const res = await postFiles(h, alex, `${base}/videos`, { title: 'Observation en classe', description: 'Quatre secondes.', visibility: 'community', consent: '1' }, { file: { name: 'classe.webm', type: 'video/webm', data: media.webm }, poster: { name: 'affiche.png', type: 'image/png', data: media.png } });
    assert.equal(res.status, 200);
    const id = idFrom(res.url, 'resources');
    clipPath = `${base}/resources/${id}`;
    assert.equal((await postFiles(h, alex, `${base}/videos/${id}/captions`, { lang: 'fr' }, { captions: { name: 'fr.vtt', type: 'text/vtt', data: VTT_FR } })).status, 200);
    assert.equal((await postFiles(h, alex, `${base}/videos/${id}/captions`, { lang: 'en' }, { captions: { name: 'en.vtt', type: 'text/vtt', data: VTT_EN } })).status, 200);
    assert.equal((await sophie.post(`${base}/videos/${id}/moments`, { at: '00:03', body: 'Regardez ce moment.' })).status, 200);
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('plays the clip, seeks when a time-coded comment is clicked (or chosen with Enter), and shows captions', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await enterAs(context, h.toolUrl, sophie.agent);
    await page.goto(`${h.toolUrl}${clipPath}`);
    await page.waitForFunction(() => (document.getElementById('clip-player') as HTMLVideoElement).readyState >= 1);
    const duration = await page.evaluate(() => (document.getElementById('clip-player') as HTMLVideoElement).duration);
    assert.ok(duration > 3 && duration < 5, `duration ${duration}`);
    await page.evaluate(() => { const v = document.getElementById('clip-player') as HTMLVideoElement; v.muted = true; return v.play(); });
    await page.waitForFunction(() => (document.getElementById('clip-player') as HTMLVideoElement).currentTime > 0.2);
    await page.evaluate(() => (document.getElementById('clip-player') as HTMLVideoElement).pause());
    await page.evaluate(() => { (document.getElementById('clip-player') as HTMLVideoElement).currentTime = 0; });
    await page.click('a.moment-time[data-seek="3"]');
    await page.waitForFunction(() => (document.getElementById('clip-player') as HTMLVideoElement).currentTime >= 2.9);
    assert.equal(new URL(page.url()).pathname, clipPath, 'the page stays: the link seeks the player');
    // Keyboard: focus the comment's time link and press Enter.
    await page.evaluate(() => { const v = document.getElementById('clip-player') as HTMLVideoElement; v.pause(); v.currentTime = 0; });
    await page.focus('a.moment-time[data-seek="3"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('clip-player') as HTMLVideoElement).currentTime >= 2.9);
    const tracks = await page.evaluate(() => Array.from((document.getElementById('clip-player') as HTMLVideoElement).textTracks).map((t) => ({ lang: t.language, kind: t.kind, mode: t.mode })));
    assert.deepEqual(tracks.map((t) => t.lang).sort(), ['en', 'fr']);
    assert.deepEqual(tracks.find((t) => t.lang === 'fr'), { lang: 'fr', kind: 'captions', mode: 'showing' }, 'the reader’s language is shown');
    await page.waitForFunction(() => {
      const fr = Array.from((document.getElementById('clip-player') as HTMLVideoElement).textTracks).find((t) => t.language === 'fr');
      return !!fr && !!fr.cues && fr.cues.length === 2;
    });
    const active = await page.evaluate(() => {
      const fr = Array.from((document.getElementById('clip-player') as HTMLVideoElement).textTracks).find((t) => t.language === 'fr')!;
      return Array.from(fr.activeCues ?? []).map((c) => (c as VTTCue).text);
    });
    assert.deepEqual(active, ['Regardez le tableau numérique'], 'the caption of the moment is showing');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('has no axe violations on the clip page and the upload form, in English and in French', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    for (const [m, lang] of [[alex, 'en'], [sophie, 'fr']] as const) {
      await enterAs(context, h.toolUrl, m.agent);
      for (const p of [clipPath, `${base}/videos/new`, `${base}/resources`]) {
        const res = await page.goto(`${h.toolUrl}${p}`);
        assert.equal(res!.status(), 200, p);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        await page.evaluate(AXE);
        const violations = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`)) as string[];
        assert.deepEqual(violations, [], `${lang} ${p}\n${violations.join('\n')}`);
      }
    }
    await context.close();
  });
});
