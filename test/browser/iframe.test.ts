import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, Frame, Page } from 'playwright-core';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { launchChromium, artifact, axeViolations } from '../helpers/browser';

/**
 * The demo page of the development platform (on 127.0.0.1) launches the tool (on localhost) in
 * its iframe — a cross-site frame, as in an LMS — in headless Chromium, whose default profile
 * blocks third-party cookies: the partitioned login cookies must carry the launch through.
 */
describe('in a real browser: the tool inside the platform iframe', function () {
  this.timeout(90_000);
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    h = await harness();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: 'fr-CA' });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
  });
  after(async () => {
    await browser?.close();
  });

  async function launchInFrame(userId: string, course: string): Promise<Frame> {
    await page.goto(h.moodle.url);
    await page.click(`a.button[target="tool"][href*="user=${userId}&course=${course}"]:not([href*="deeplink"])`);
    const frame = page.frame({ name: 'tool' })!;
    await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
    return frame;
  }

  it('sets up the community and greets the instructor in French, then a learner in English', async () => {
    const course = newCourse(h.moodle, 'Cours navigateur');
    const setup = await launchInFrame('instructor', course);
    assert.match(setup.url(), /\/setup$/);
    assert.deepEqual(await axeViolations(setup), [], 'the setup page passes axe (WCAG 2.1 AA)');
    await setup.fill('#title', 'Communauté en navigateur');
    await setup.fill('#purpose', 'Vérifier que CoPeR fonctionne dans le cadre d’un LMS.');
    await setup.click('form[action="/setup/create"] button[type="submit"]');
    await setup.waitForSelector('h1#greet');
    assert.equal(await setup.textContent('h1#greet'), 'Bonjour Marie Tremblay!');
    assert.deepEqual(await axeViolations(setup), [], 'the community home passes axe (WCAG 2.1 AA)');
    const shot = artifact('iframe-community-home.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(fs.statSync(shot).size > 10_000);

    const learner = await launchInFrame('learner1', course);
    await learner.waitForSelector('h1#greet');
    assert.equal(await learner.textContent('h1#greet'), 'Hello Alex Smith!');
    assert.equal(await learner.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(problems, [], 'no console error, no failed request, no CSP violation');
  });
});
