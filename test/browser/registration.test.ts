import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium } from '../helpers/browser';
import { DevPlatform, launch } from '../../src/devplatform';
import { Platform, Deployment } from '../../src/kernel/platform';
import { resetPlatformOrigins } from '../../src/web/security';

/**
 * Dynamic Registration as a Moodle administrator meets it: "Manage tools" opens CoPeR's registration
 * page in a cross-site frame (127.0.0.1 frames localhost), the page must be allowed to load there and
 * close itself, and CoPeR's icon must show on the platform's page.
 */
describe('in a real browser: Dynamic Registration from Moodle-like "Manage tools"', function () {
  let h: Harness;
  let browser: Browser;
  let lms: DevPlatform;
  before(async () => {
    h = await harness();
    browser = await launchChromium();
    lms = new DevPlatform({ flavour: 'moodle' });
    await lms.listen();
  });
  after(async () => {
    await browser?.close();
    await lms?.close();
  });

  it('registers in the framed page, which closes itself; the icon shows; a second run offers Update or Register as new', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('requestfailed', (r) => blocked.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) blocked.push(`${r.url()} ${r.status()}`);
    });
    const manage = `${lms.url}/admin/tools?url=${encodeURIComponent(`${h.toolUrl}/lti/register`)}`;
    await page.goto(manage);
    // The frame posts org.imsglobal.lti.close; the platform then goes back to its tool list.
    await page.waitForSelector('[data-tool]', { timeout: 30_000 });
    assert.deepEqual(blocked, [], 'nothing blocked (frame-ancestors, CORP) and nothing refused');
    const tool = [...lms.registeredTools.values()][0];
    assert.equal(tool.courseVisible, 'preconfigured', 'Moodle leaves a dynamically registered tool out of the activity chooser');
    assert.equal(tool.acceptGrades, 'delegate');
    assert.ok(tool.contentItem && tool.sendName && tool.sendEmail, 'deep linking, names and e-mails asked for');
    assert.equal(tool.customParameters.context_history, '$Context.id.history');
    const iconWidth = await page.$eval('[data-tool-icon]', (img) => (img as HTMLImageElement).naturalWidth);
    assert.ok(iconWidth > 0, 'the icon is served cross-origin and shown by the platform');
    const platform = await Platform.findOne({ where: { issuer: lms.issuer, clientId: tool.clientId } });
    assert.ok(platform?.active, 'CoPeR recorded the platform');
    assert.deepEqual((await Deployment.findAll({ where: { platformId: platform!.id } })).map((d) => d.deploymentId), [tool.deploymentId]);

    // A launch through the registration just made works.
    resetPlatformOrigins();
    const home = await launch(lms, { userId: 'instructor', courseId: 'course-1' });
    assert.equal(home.status, 200, home.text.slice(0, 300));

    // Second run: Moodle notices the domain and asks.
    await page.goto(manage);
    await page.waitForSelector('[data-existing]');
    await page.click('text=Update');
    await page.waitForURL(`${lms.url}/admin/tools`, { timeout: 30_000 });
    assert.equal(lms.registeredTools.size, 1, 'Update keeps the same tool');
    assert.equal(await Platform.count({ where: { issuer: lms.issuer } }), 1, 'and CoPeR keeps one platform row');
    await page.goto(manage);
    await page.click('text=Register as new');
    await page.waitForURL(`${lms.url}/admin/tools`, { timeout: 30_000 });
    assert.equal(lms.registeredTools.size, 2);
    assert.equal(await Platform.count({ where: { issuer: lms.issuer } }), 2, 'a new client id is a second registration');
    assert.deepEqual(blocked, []);
  });
});
