import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { launchChromium, artifact, axeViolations } from '../helpers/browser';
import { communityNav, navFor } from '../../src/web/nav';

/**
 * The community navigation as members meet it inside the platform's iframe: at most seven entries
 * grouped by what members do, the group's pages as a second row, search as a box in the header,
 * notifications only behind the bell, one "Menu" button below 600 px, and nothing of the header
 * cut off, at 400, 700 and 1280 px, in French and in English.
 */
describe('in a real browser: navigation by what members do', function () {
  this.timeout(120_000);
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let course: string;
  const problems: string[] = [];

  before(async () => {
    h = await harness();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    course = newCourse(h.moodle, 'Cours navigation');
    const setup = await launchInFrame('instructor', '#title');
    await setup.fill('#title', 'Communauté navigation');
    await setup.fill('#purpose', 'Vérifier le menu dans le cadre du LMS.');
    await setup.click('form[action="/setup/create"] button[type="submit"]');
    await setup.waitForSelector('h1#greet');
  });
  after(async () => {
    await browser?.close();
  });

  async function launchInFrame(userId: string, landing = 'h1#greet'): Promise<Frame> {
    await page.goto(h.moodle.url);
    await page.click(`a.button[target="tool"][href*="user=${userId}&course=${course}"]:not([href*="deeplink"])`);
    const frame = page.frame({ name: 'tool' })!;
    await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
    await frame.waitForSelector(landing);
    return frame;
  }

  /** What sticks out of the frame's width: the document, or any part of the header. */
  const overflow = (frame: Frame) =>
    frame.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      if (document.documentElement.scrollWidth > width + 1) out.push(`document ${document.documentElement.scrollWidth} > ${width}`);
      document.querySelectorAll('.top > *, .top-search > *').forEach((el) => {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > width + 1 || r.left < -1)) out.push(`${el.className || el.tagName} ${Math.round(r.left)}–${Math.round(r.right)} of ${width}`);
      });
      return out;
    });

  for (const [userId, lang, groups] of [
    ['instructor', 'fr', ['Accueil', 'Partager', 'Apprendre et résoudre', 'Se réunir et décider', 'Moi', 'Animer']],
    ['learner1', 'en', ['Home', 'Share', 'Learn & solve', 'Meet & decide', 'Me']],
  ] as const) {
    it(`${userId} (${lang}): seven entries at most, a second row for the group, search in the header, the menu folded below 600 px`, async () => {
      for (const width of [1280, 740, 420]) {
        await page.setViewportSize({ width, height: 900 });
        const frame = await launchInFrame(userId);
        assert.equal(await frame.getAttribute('html', 'lang'), lang);
        const frameWidth = await frame.evaluate(() => document.documentElement.clientWidth);
        const narrow = frameWidth <= 600;
        assert.deepEqual(await frame.$$eval('#nav-groups > li > a', (as) => as.map((a) => a.textContent!.trim())), groups, `${width}px`);
        assert.equal(await frame.locator('nav a[href*="/notifications"]:not([href*="preferences"])').count(), 0, 'notifications only behind the bell');
        assert.equal(await frame.locator('.top .bell').count(), 1);
        assert.equal(await frame.isVisible('[data-menu-toggle]'), narrow, `the Menu button only when narrow (${frameWidth}px)`);
        assert.equal(await frame.isVisible('#nav-groups'), !narrow, 'the entries folded when narrow');
        if (narrow) {
          // The script run a second time on the same page (as Turbo may): one click still opens the menu.
          await frame.addScriptTag({ url: '/public/js/menu.js' });
          await frame.click('[data-menu-toggle]');
          assert.equal(await frame.getAttribute('[data-menu-toggle]', 'aria-expanded'), 'true');
          assert.ok(await frame.isVisible('#nav-groups'));
          await frame.press('#nav-groups a >> nth=0', 'Escape');
          assert.equal(await frame.isVisible('#nav-groups'), false, 'Escape folds it again');
          assert.equal(await frame.evaluate(() => document.activeElement?.hasAttribute('data-menu-toggle')), true, 'focus back on the button');
          await frame.click('[data-menu-toggle]');
        }
        assert.deepEqual(await overflow(frame), [], `nothing cut off at ${width}px`);
        assert.deepEqual(await axeViolations(frame), [], `home at ${width}px`);
        await page.screenshot({ path: artifact(`nav-${userId}-${width}.png`) });

        // A group opens its first page, with the group's pages as a second row.
        await frame.click(`#nav-groups a:text-is("${groups[1]}")`);
        await frame.waitForURL(/\/discussions/);
        const second = await frame.$$eval('.subnav a', (as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('aria-current')]));
        assert.equal(second.length, 3);
        assert.equal(second[0][1], 'page');
        assert.equal(await frame.getAttribute(`#nav-groups a:text-is("${groups[1]}")`, 'aria-current'), 'true');
        assert.deepEqual(await overflow(frame), [], `nothing cut off on a page of a group at ${width}px`);
        assert.deepEqual(await axeViolations(frame), [], `discussions at ${width}px`);

        // Search from the header box, whichever page one is on.
        await frame.fill('#top-q', lang === 'fr' ? 'menu' : 'LMS');
        await frame.press('#top-q', 'Enter');
        await frame.waitForURL(/\/search\?/);
        assert.match(frame.url(), /[?&]q=(menu|LMS)/);
        assert.equal(await frame.inputValue('#q'), lang === 'fr' ? 'menu' : 'LMS');
      }
      // After an action, the confirmation is spoken (live region) and leaves the address.
      await page.setViewportSize({ width: 1280, height: 900 });
      const frame = await launchInFrame(userId);
      await frame.click(`#nav-groups a:text-is("${groups[4]}")`);
      // Turbo may change the address before it shows the page: wait for the group's page itself, then for the form.
      await frame.waitForSelector(`#nav-groups a[aria-current="true"]:text-is("${groups[4]}")`);
      await frame.click('main a[href*="/profile/edit"]');
      await frame.waitForURL(/\/profile\/edit/);
      await frame.click('main form.profile-form button[type=submit]');
      await frame.waitForSelector('[data-flash]');
      const saved = lang === 'fr' ? 'Votre profil est enregistré' : 'Your profile is saved';
      assert.match((await frame.textContent('[data-flash]'))!, new RegExp(saved), 'the message is shown');
      // flash.js adds a live region and fills it a moment later, so that it is spoken.
      await frame.waitForFunction((text) => (document.querySelector('[data-flash-live][role=status]')?.textContent ?? '').includes(text), saved);
      assert.match((await frame.textContent('[data-flash]'))!, new RegExp(saved), 'the message stays shown');
      assert.equal(await frame.getAttribute('[data-flash]', 'role'), null, 'spoken once, by the live region');
      assert.doesNotMatch(frame.url(), /flash=/, 'a reload does not confirm again');
      assert.deepEqual(problems, []);
    });
  }

  it('puts every page of the old menu in exactly one group for each role, and at most seven groups', () => {
    const t = (k: string) => k;
    for (const role of ['facilitator', 'member', 'mentor', 'observer'] as const) {
      const nav = navFor(role, 1, t, (p) => p);
      assert.ok(nav.length <= 7, role);
      const keys = nav.flatMap((g) => g.items.map((i) => i.key));
      assert.equal(new Set(keys).size, keys.length, `${role}: no page twice`);
      for (const k of ['home', 'discussions', 'knowledge', 'resources', 'journal', 'problems', 'people', 'mentoring', 'meetings', 'governance', 'participation', 'pd', 'profile'])
        assert.ok(keys.includes(k), `${role} reaches ${k}`);
      assert.equal(keys.includes('members'), role === 'facilitator');
      assert.equal(keys.includes('analytics'), role === 'facilitator');
      assert.equal(keys.includes('my-activity'), role !== 'facilitator');
    }
    assert.ok(communityNav.every((g) => g.items.length > 0));
  });
});
