import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { Harness } from './harness';
import type { DevPlatform } from '../../src/devplatform';
import { SESSION_COOKIE } from '../../src/sessions/carrier';

/** Launch `userId` from the platform's page into its iframe (cross-site, as in an LMS) and wait for the first tool page. */
export async function launchInFrame(h: Harness, page: Page, userId: string, course: string, platform: DevPlatform = h.moodle): Promise<Frame> {
  await page.goto(platform.url);
  await page.click(`a.button[target="tool"][href*="user=${userId}&course=${course}"]:not([href*="deeplink"])`);
  const frame = page.frame({ name: 'tool' })!;
  await frame.waitForURL((u) => u.origin === new URL(h.toolUrl).origin && !u.pathname.startsWith('/lti/'), { timeout: 20_000 });
  await frame.waitForLoadState('load');
  return frame;
}

/**
 * Make a browser context refuse the session cookie, as Safari or a strict privacy setting does
 * inside an LMS frame: the launch answer reaches the page without its `coper_session` Set-Cookie.
 */
export async function refuseSessionCookie(h: Harness, context: BrowserContext): Promise<void> {
  await context.route(`${h.toolUrl}/lti/launch`, async (route) => {
    // The frame's cookies are partitioned: pass the request's own Cookie header through.
    const response = await route.fetch({ maxRedirects: 0, headers: await route.request().allHeaders() });
    const headers = { ...response.headers() };
    const kept = (headers['set-cookie'] ?? '').split('\n').filter((c) => c && !c.startsWith(`${SESSION_COOKIE}=`));
    if (kept.length) headers['set-cookie'] = kept.join('\n');
    else delete headers['set-cookie'];
    // route.fetch stores the answer's cookies in the context itself: forget that one too.
    await context.clearCookies({ name: SESSION_COOKIE });
    await route.fulfill({ response, headers });
  });
}
