import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, enterAs, axeViolations } from '../helpers/browser';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { sessionOf } from '../helpers/session';
import { Session } from '../../src/sessions/model';
import { Post } from '../../src/discussions/model';
import { Draft } from '../../src/drafts/model';
import { launchInFrame } from '../helpers/frame';

/**
 * Issue #16, "nothing typed is lost": a reply typed while the session runs out is kept in the
 * browser; the expired page offers to relaunch from the LMS; after the relaunch the form shows
 * the text back, ready to send. (A first-party window: the new-tab path, where storage is ours.)
 */
describe('in a real browser: nothing typed is lost when the session expires', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  before(async () => {
    h = await harness();
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('keeps a reply typed during an expired session and gives it back after the relaunch', async () => {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Une longue discussion', body: 'Qui veut répondre longuement?' })).url, 'threads');
    const context = await browser.newContext({ locale: 'en-CA' });
    try {
      await enterAs(context, h.toolUrl, alex.agent);
      const page = await context.newPage();
      await page.goto(`${h.toolUrl}${c.base}/threads/${thread}/reply`);
      const text = 'Une réponse longue et réfléchie, écrite pendant que la session se termine.';
      await page.fill('#body', text);
      await page.waitForTimeout(500); // the draft is saved a moment after typing stops

      // The session runs out while the member is still writing.
      const id = crypto.createHash('sha256').update(sessionOf(h, alex.agent)).digest('hex');
      await Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { id } });
      await page.click(`form[action="${c.base}/threads/${thread}/posts"] button[type="submit"]`);
      await page.waitForSelector('[data-session-expired]');
      assert.equal(await Post.count({ where: { threadId: thread } }), 1, 'nothing was posted');
      const relaunch = await page.getAttribute('[data-relaunch]', 'href');
      assert.ok(relaunch?.startsWith(h.moodle.url), `the relaunch button leads to the LMS course: ${relaunch}`);
      assert.deepEqual(await axeViolations(page), [], 'the expired-session page passes axe');

      // Relaunch from the LMS (a new session), then open the form again: the text is back.
      const again = await h.launch({ userId: 'learner1', courseId: c.course });
      await enterAs(context, h.toolUrl, again.agent);
      await page.goto(`${h.toolUrl}${c.base}/threads/${thread}/reply`);
      await page.waitForSelector('[data-draft-restored]');
      assert.equal(await page.inputValue('#body'), text);
      await page.click(`form[action="${c.base}/threads/${thread}/posts"] button[type="submit"]`);
      await page.waitForURL(new RegExp(`/threads/${thread}(#.*)?$`));
      assert.equal(await Post.count({ where: { threadId: thread } }), 2, 'the reply was sent');

      // Sent: the draft is gone, the form opens empty.
      await page.goto(`${h.toolUrl}${c.base}/threads/${thread}/reply`);
      assert.equal(await page.inputValue('#body'), '');
      assert.equal(await page.locator('[data-draft-restored]').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('inside the LMS frame, where Chromium denies the frame its storage, the server keeps the draft through the expiry and the relaunch', async () => {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Dans le cadre du LMS', body: 'Qui répond depuis Moodle?' })).url, 'threads');
    const context = await browser.newContext({ locale: 'fr-CA' });
    const started = new Date();
    try {
      const page = await context.newPage();
      let frame = await launchInFrame(h, page, 'learner1', c.course);
      const reply = `${h.toolUrl}${c.base}/threads/${thread}/reply`;
      await frame.goto(reply);
      const text = 'Écrit dans le cadre, sans stockage local, pendant que la session se termine.';
      await frame.fill('#body', text);
      // The draft is sent a moment after typing stops: wait until the server holds it (or give up after 10 s).
      const held = async () => (await Draft.findAll()).find((d) => d.formKey === `${c.base}/threads/${thread}/posts`)?.fields.body;
      for (const deadline = Date.now() + 10_000; (await held()) !== text && Date.now() < deadline; ) await frame.waitForTimeout(100);
      assert.equal(await held(), text, 'the server holds the draft');

      // The frame's session (the only one opened since this test started) runs out.
      await Session.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { createdAt: { [Op.gte]: started } } });
      await frame.click(`form[action="${c.base}/threads/${thread}/posts"] button[type="submit"]`);
      await frame.waitForSelector('[data-session-expired]');
      assert.equal(await Post.count({ where: { threadId: thread } }), 1);

      frame = await launchInFrame(h, page, 'learner1', c.course);
      await frame.goto(reply);
      await frame.waitForSelector('[data-draft-restored]');
      assert.equal(await frame.inputValue('#body'), text);
      await frame.click(`form[action="${c.base}/threads/${thread}/posts"] button[type="submit"]`);
      await frame.waitForURL(new RegExp(`/threads/${thread}(#.*)?$`));
      assert.equal(await Post.count({ where: { threadId: thread } }), 2);
      assert.equal(await Draft.count({ where: { formKey: `${c.base}/threads/${thread}/posts` } }), 0, 'sent: the draft is gone');
    } finally {
      await context.close();
    }
  });
});
