import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, axeViolations, enterAs, selectOpeningPassage } from '../helpers/browser';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { Post } from '../../src/discussions/model';
import { selectedPart } from '../../src/discussions/reply-form';

/** The composer: a preview rendered by the server as it will be published, and quoting only the selected text. */
describe('composer: preview and quoting a selection', function () {
  this.timeout(90_000);
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let browser: Browser;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('previews Markdown with the publishing renderer and sanitizer, writes nothing, and refuses bad input', async () => {
    const sophie = await c.as('learner2');
    await c.as('mentor');
    const posts = await Post.count();
    const ok = await sophie.post(`${c.base}/preview`, { body: '**Gras** et @chris lee <script>alert(1)</script>' });
    assert.equal(ok.status, 200, ok.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600));
    assert.match(ok.text, /^<p><strong>Gras<\/strong> et <span class="mention">@chris lee<\/span>/);
    assert.doesNotMatch(ok.text, /<script|<html/);
    assert.equal((await sophie.post(`${c.base}/preview`, { body: 'x'.repeat(20001) })).status, 400);
    assert.equal((await sophie.post(`${c.base}/preview`, {})).status, 400);
    assert.equal(await Post.count(), posts, 'nothing written');
    // A member of another community only (a made-up community id is refused the same way).
    assert.equal((await sophie.post(`/c/999999/preview`, { body: 'x' })).status, 403);
  });

  it('quotes only a passage of the post, never text the post does not have', () => {
    const html = '<p>Premier paragraphe.</p><p>Les albums de <strong>Marianne Dubuc</strong> plaisent beaucoup.</p>';
    assert.equal(selectedPart(html, 'albums de Marianne\n Dubuc'), 'albums de Marianne Dubuc');
    assert.equal(selectedPart(html, 'un texte inventé'), null);
    assert.equal(selectedPart(html, ['albums']), null);
    assert.equal(selectedPart(html, 'x'.repeat(1001)), null);
  });

  it('in Chromium: Preview shows the rendered text in place and Edit brings the field back; Quote takes the selection, under the post', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const threadId = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Albums jeunesse', body: 'Premier paragraphe.\n\nLes albums de **Marianne Dubuc** plaisent beaucoup.' })).url, 'threads');
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await enterAs(context, h.toolUrl, alex.agent);
    await page.goto(new URL(`${c.base}/threads/${threadId}`, h.toolUrl).href);
    await page.fill('textarea[name="body"]', 'Merci **beaucoup**!');
    await page.click('button.preview-toggle');
    await page.waitForSelector('.preview strong');
    assert.equal(await page.textContent('.preview strong'), 'beaucoup');
    assert.equal(await page.isVisible('textarea[name="body"]'), false);
    assert.deepEqual(await axeViolations(page), []);
    await page.click('button.preview-toggle');
    assert.equal(await page.isVisible('textarea[name="body"]'), true);
    assert.equal(await page.inputValue('textarea[name="body"]'), 'Merci **beaucoup**!', 'nothing typed is lost');

    // Select "Marianne Dubuc plaisent" in the opening post, then Quote.
    await selectOpeningPassage(page);
    await page.click('.opening a[href*="quote=1"]');
    // With script, the reply form opens under the post (public/js/reply-in-place.js).
    await page.waitForSelector('[data-reply-in-place-box] textarea');
    const quoted = await page.inputValue('[data-reply-in-place-box] textarea');
    assert.match(quoted, /^> \*\*Sophie Roy\*\* :\n> Marianne Dubuc plaisent\n/);
    assert.doesNotMatch(quoted, /Premier paragraphe/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
