import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, axeViolations, artifact, selectOpeningPassage } from '../helpers/browser';
import { launchInFrame, refuseSessionCookie } from '../helpers/frame';
import { sharingCommunity, idFrom, userIdIn } from '../helpers/sharing';
import { Mention, Post } from '../../src/discussions/model';
import { Notification } from '../../src/notifications/model';
import { Membership } from '../../src/kernel/community';

/**
 * Writing and searching without the mouse: @mention suggestions, reply and quote under the post,
 * search as you type, and the single-key shortcuts, at 1280 and 400 px inside the LMS frame
 * (partitioned cookie) and at 700 px in a window that refuses the cookie (the tab carries the
 * session and Turbo Drive makes every navigation), in English and in French, with axe on each
 * page changed.
 */
describe('in a real browser: writing and searching by keyboard', function () {
  this.timeout(240_000);
  let h: Harness;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let thread: number;
  const problems: string[] = [];

  before(async () => {
    h = await harness();
    browser = await launchChromium();
    c = await sharingCommunity(h);
    await c.as('learner3'); // Nadia Côté, a member to mention
    const sophie = await c.as('learner2');
    thread = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Littératie numérique en classe', body: 'Premier paragraphe.\n\nLes albums de **Marianne Dubuc** plaisent beaucoup.' })).url, 'threads');
  });
  after(async () => browser?.close());

  /**
   * A launch in a window of its own where the browser refuses the session cookie: the tab carries
   * the session as a header and Turbo Drive makes every navigation (the carrier that Safari-like
   * browsers get in the LMS frame).
   */
  async function launchInTab(page: Page, userId: string): Promise<Frame> {
    await page.goto(`${h.moodle.url}/launch?user=${userId}&course=${c.course}`);
    await page.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
    await page.waitForSelector('h1#greet');
    return page.mainFrame();
  }

  /** In the LMS frame (partitioned cookie); with `tab`, in a window that refuses the cookie (the tab carries the session, Turbo Drive on). */
  async function framed(width: number, userId: string, tab = false): Promise<{ page: Page; frame: Frame; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    if (tab) await refuseSessionCookie(h, context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${width}px ${userId}: ${e.message}`));
    const frame = tab ? await launchInTab(page, userId) : await launchInFrame(h, page, userId, c.course);
    return { page, frame, close: () => context.close() };
  }

  const focused = (frame: Frame) => frame.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` : '';
  });

  /** Open the thread as a link would: through Turbo Drive in tab mode (a full load would lose the tab's session). */
  async function openThread(frame: Frame) {
    await visit(frame, `${c.base}/threads/${thread}`);
    await frame.waitForSelector('article.post .post-body');
  }

  /** Go to a page of the tool: through Turbo Drive when it navigates (the tab carries the session), else by address. */
  async function visit(frame: Frame, path: string) {
    const turbo = await frame.evaluate((p) => {
      const w = window as unknown as { Turbo?: { session: { drive: boolean }; visit: (u: string) => void } };
      if (!w.Turbo?.session.drive) return false;
      w.Turbo.visit(p);
      return true;
    }, path);
    if (turbo) await frame.waitForURL((u) => u.pathname === path);
    else await frame.goto(`${h.toolUrl}${path}`);
  }

  // 700 px with the tab carrying the session (cookie refused), so Turbo Drive is in the way of every script.
  for (const [width, userId, lang, tab] of [[1280, 'learner1', 'en', false], [700, 'learner2', 'fr', true], [400, 'learner1', 'en', false]] as const) {
    it(`${width}px (${lang}): @nad, ArrowDown, Enter writes @Nadia Côté; the posted reply mentions and notifies her`, async () => {
      const { page, frame, close } = await framed(width, userId, tab);
      try {
        await openThread(frame);
        await frame.focus('#body');
        await frame.page().keyboard.type('Merci ');
        // The mention in one input event: keys one by one on a busy machine could show the list for "@n" first (150 ms wait).
        await frame.page().keyboard.insertText('@nad');
        const option = frame.locator('#body-mentions [role="option"]');
        await option.first().waitFor();
        assert.deepEqual(await option.allTextContents(), ['Nadia Côté']);
        assert.equal(await frame.getAttribute('#body', 'aria-controls'), 'body-mentions');
        assert.match((await frame.textContent('#body-mentions-status')) ?? '', lang === 'fr' ? /1 membre à mentionner/ : /1 member to mention/);
        assert.deepEqual(await axeViolations(frame), [], 'thread with the suggestions open');
        await frame.page().keyboard.press('ArrowDown');
        assert.equal(await frame.getAttribute('#body', 'aria-activedescendant'), 'body-mention-0');
        assert.equal(await option.first().getAttribute('aria-selected'), 'true');
        await frame.page().keyboard.press('Enter');
        assert.equal(await frame.inputValue('#body'), 'Merci @Nadia Côté ', 'the full name, no new line');
        assert.equal(await frame.isVisible('#body-mentions'), false);
        await frame.page().keyboard.type(`pour l’idée (${width})!`);
        await page.screenshot({ path: artifact(`compose-mention-${width}.png`) });
        // Send by keyboard: from the field, Tab to the Send button (past Preview).
        let guard = 0;
        while (!/^(Send|Envoyer)/.test(await frame.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) && guard++ < 5) await frame.page().keyboard.press('Tab');
        await frame.page().keyboard.press('Enter');
        await frame.waitForSelector(`.post-body :text("(${width})")`);
        const post = await Post.findOne({ where: { threadId: thread, bodyMd: `Merci @Nadia Côté pour l’idée (${width})!` } });
        assert.ok(post, 'the reply was posted as typed');
        const nadia = await userIdIn(c.communityId, 'learner3');
        assert.ok(await Mention.findOne({ where: { postId: post.id, userId: nadia } }), 'the mention is recorded');
        const membership = await Membership.findOne({ where: { communityId: c.communityId, userId: nadia } });
        assert.ok(await Notification.findOne({ where: { membershipId: membership!.id, kind: 'mention', subjectId: post.id } }), 'Nadia is notified');
        assert.equal(await frame.locator(`#post-${post.id} .mention`).count(), 1, 'the mention is highlighted');
      } finally {
        await close();
      }
    });

    it(`${width}px (${lang}): Reply and Quote open the composer under the post; a quote takes only the selection`, async () => {
      const { page, frame, close } = await framed(width, userId, tab);
      try {
        await openThread(frame);
        const before = frame.url();
        const opening = await frame.getAttribute('.opening article.post', 'id');
        await frame.focus('.opening a[data-shortcut-reply]');
        await frame.page().keyboard.press('Enter');
        await frame.waitForSelector(`#rip-box-${opening} textarea`);
        assert.equal(frame.url(), before, 'no navigation');
        assert.equal(await focused(frame), `textarea#rip-${opening}-body`);
        assert.equal(await frame.inputValue(`#rip-box-${opening} input[name="parent"]`), opening!.replace('post-', ''));
        assert.equal(await frame.locator('[id="body"]').count(), 1, 'ids stay unique');
        assert.deepEqual(await axeViolations(frame), [], 'thread with a composer open in place');
        await page.screenshot({ path: artifact(`compose-inline-${width}.png`) });
        // Escape folds it, focus back on Reply.
        await frame.page().keyboard.type('Brouillon');
        await frame.page().keyboard.press('Escape');
        assert.equal(await frame.isVisible(`#rip-box-${opening}`), false);
        assert.equal(await frame.evaluate(() => document.activeElement?.hasAttribute('data-shortcut-reply')), true);

        // Select "Marianne Dubuc plaisent" in the opening post, then Quote with the keyboard.
        await selectOpeningPassage(frame);
        await frame.focus('.opening a[href*="quote=1"]');
        await frame.page().keyboard.press('Enter');
        await frame.waitForFunction((id) => /Marianne Dubuc plaisent/.test((document.querySelector(`#rip-box-${id} textarea`) as HTMLTextAreaElement | null)?.value ?? ''), opening);
        const text = await frame.inputValue(`#rip-box-${opening} textarea`);
        assert.match(text, /^Brouillon\n\n> \*\*Sophie Roy\*\* :\n> Marianne Dubuc plaisent\n/, 'what was typed stays, the quote follows with its author');
        assert.doesNotMatch(text, /Premier paragraphe/);
        assert.equal(frame.url(), before);

        // Posting is the normal form POST.
        await frame.fill(`#rip-box-${opening} textarea`, `${text}Tout à fait (${width}).`);
        await frame.focus(`#rip-box-${opening} button[type="submit"]`);
        await frame.page().keyboard.press('Enter');
        await frame.waitForSelector(`.post-body :text("Tout à fait (${width}).")`);
        const posted = (await Post.findAll({ where: { threadId: thread } })).find((p) => p.bodyMd.endsWith(`Tout à fait (${width}).`));
        assert.ok(posted, 'posted');
        assert.equal(`post-${posted.quotedPostId}`, opening, 'as a reply to that post');
      } finally {
        await close();
      }
    });

    it(`${width}px (${lang}): "/" focuses the search box; typing lists hits; ArrowDown and Enter open one; Enter alone searches`, async () => {
      const { page, frame, close } = await framed(width, userId, tab);
      try {
        await openThread(frame);
        assert.equal(await frame.evaluate(() => (window as unknown as { Turbo?: { session: { drive: boolean } } }).Turbo?.session.drive), tab, tab ? 'the tab carries the session: Turbo Drive navigates' : 'the partitioned cookie');
        // Search from the list of discussions, so that opening the hit (the thread) is a visit to another page.
        await visit(frame, `${c.base}/discussions`);
        // The list is shown (Turbo may change the address before it renders), and its box suggests once its script has bound it.
        await frame.waitForSelector('h1#list-t');
        await frame.waitForSelector('form[data-suggest-bound] #top-q[role="combobox"]');
        await frame.focus('#main');
        await frame.page().keyboard.press('/');
        assert.equal(await focused(frame), 'input#top-q');
        // One input event for the whole word (as a paste or an input method gives): on a busy machine, keys typed one by
        // one can leave a pause longer than the box's 250 ms wait, and a list for "lit" would show before the one for "littér".
        await frame.page().keyboard.insertText('littér');
        const option = frame.locator('#top-q-list [role="option"]');
        await option.first().waitFor();
        assert.equal(await frame.getAttribute('#top-q', 'aria-expanded'), 'true');
        assert.match((await option.first().textContent()) ?? '', /Littératie numérique en classe/);
        assert.equal(await frame.locator('#top-q-list mark').first().textContent(), 'Littératie');
        assert.deepEqual(await axeViolations(frame), [], 'search suggestions open');
        await page.screenshot({ path: artifact(`compose-search-${width}.png`) });
        await frame.page().keyboard.press('ArrowDown');
        assert.equal(await frame.getAttribute('#top-q', 'aria-activedescendant'), 'top-q-opt-0');
        await frame.page().keyboard.press('Enter');
        await frame.waitForURL(/\/(threads|posts)\/\d+/);
        await frame.waitForSelector('h1#thread-t');
        assert.equal(await frame.textContent('h1#thread-t'), 'Littératie numérique en classe');

        // Back (in tab mode Turbo shows the copy of the page it kept): the box suggests again.
        const here = frame.url();
        // Back after this call returns (run inside it, the navigation can destroy the call's own context).
        await frame.evaluate(() => void setTimeout(() => history.back(), 0));
        await frame.waitForURL((u) => u.href !== here);
        // The list of discussions is shown again (the address may change before), and its box bound again.
        await frame.waitForSelector('h1#list-t');
        await frame.waitForSelector('form[data-suggest-bound] #top-q[role="combobox"]');
        assert.equal(await frame.locator('#top-q-list').count(), 1, 'one list, not two');
        assert.equal(await frame.locator('.preview-toggle').count(), await frame.locator('main form[method="post"] textarea[name="body"]').count(), 'one Preview per field');

        // Enter without choosing: the normal search page.
        await frame.focus('#main');
        await frame.page().keyboard.press('/');
        await frame.page().keyboard.insertText('albums');
        await option.first().waitFor();
        await frame.page().keyboard.press('Escape');
        assert.equal(await frame.isVisible('#top-q-list'), false, 'Escape closes the list');
        await frame.page().keyboard.press('Enter');
        await frame.waitForURL(/\/search\?q=albums/);
        assert.equal(await frame.inputValue('#q'), 'albums');
      } finally {
        await close();
      }
    });

    it(`${width}px (${lang}): shortcuts — j/k move between posts, r replies under the current one, ? opens their help page, none fires while typing`, async () => {
      const { frame, close } = await framed(width, userId, tab);
      try {
        // Everything read, then someone else writes: that post is new.
        await openThread(frame);
        const other = await c.as(userId === 'learner2' ? 'learner3' : 'learner2');
        await other.post(`${c.base}/threads/${thread}/posts`, { body: `Nouveau message (${width}).` });
        const fresh = (await Post.findOne({ where: { threadId: thread, bodyMd: `Nouveau message (${width}).` } }))!.id;
        await openThread(frame);
        assert.equal(await frame.getAttribute(`#post-${fresh}`, 'class'), 'post unread');
        await frame.focus('#main');
        await frame.page().keyboard.press('n');
        assert.equal(await frame.evaluate(() => document.activeElement?.id), `post-${fresh}`, 'n: the next unread post');
        await frame.focus('#main');
        const ids = await frame.$$eval('main article.post', (as) => as.map((a) => a.id));
        await frame.page().keyboard.press('j');
        assert.equal(await frame.evaluate(() => document.activeElement?.id), ids[0]);
        await frame.page().keyboard.press('j');
        assert.equal(await frame.evaluate(() => document.activeElement?.id), ids[1]);
        await frame.page().keyboard.press('k');
        assert.equal(await frame.evaluate(() => document.activeElement?.id), ids[0]);
        await frame.page().keyboard.press('r');
        await frame.waitForSelector(`#rip-box-${ids[0]} textarea`);
        assert.equal(await focused(frame), `textarea#rip-${ids[0]}-body`);
        await frame.page().keyboard.type('j?/');
        assert.equal(await frame.inputValue(`#rip-box-${ids[0]} textarea`), 'j?/', 'typed, not shortcuts');
        await frame.page().keyboard.press('Escape');
        await frame.page().keyboard.press('?');
        await frame.waitForURL(/\/shortcuts$/);
        await frame.waitForSelector('table.shortcuts');
        assert.match((await frame.textContent('h1'))!, lang === 'fr' ? /Raccourcis clavier/ : /Keyboard shortcuts/);
        assert.ok(await frame.locator('footer a[data-shortcuts-help]').count(), 'also linked from the footer');
        assert.deepEqual(await axeViolations(frame), [], 'the shortcuts page');
        await frame.focus('#main');
        await frame.page().keyboard.press('g');
        await frame.page().keyboard.press('h');
        await frame.waitForSelector('h1#greet');
      } finally {
        await close();
      }
    });
  }

  it('without script the links still lead to the reply page and the help page; no script error anywhere above', async () => {
    const alex = await c.as('learner1');
    const page = await alex.get(`${c.base}/threads/${thread}`);
    const reply = /href="([^"]*\/reply\?to=\d+)"[^>]*data-reply-in-place/.exec(page.text);
    assert.ok(reply, 'the Reply link keeps its address');
    const form = await alex.get(reply[1].replace(/&amp;/g, '&'));
    assert.equal(form.status, 200);
    assert.match(form.text, /<form method="post" action="\/c\/\d+\/threads\/\d+\/posts"/);
    assert.match(page.text, /href="\/c\/\d+\/shortcuts"/, 'the help page is a plain link');
    assert.deepEqual(problems, []);
  });
});
