import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { harness, type Harness } from '../helpers/harness';
import { launchChromium, enterAs } from '../helpers/browser';
import { sharingCommunity, idFrom, type Member } from '../helpers/sharing';
import { sessionOf } from '../helpers/session';
import { SESSION_HEADER } from '../../src/sessions/carrier';

/** Query parameters that once carried (or could carry) a session or a launch credential. */
const CREDENTIAL_PARAMS = ['s', '_s', 'ltik', 'token', 'session', 'id_token'];
/** Files, not pages: checked by a request (Location, address), not opened in a tab. */
const FILES = /\.(csv|pdf|ics|json|png|jpe?g|gif|svg|txt|zip)$|\/(download|file|files)(\/|$)/;
const MAX_PAGES = 70;

/** What is wrong with an address the tool gave out, or '' when it carries no credential. */
function credentialIn(url: string, base: string, token: string): string {
  if (url.includes(token) || url.includes(encodeURIComponent(token))) return 'the session token';
  if (!URL.canParse(url, base)) return '';
  const u = new URL(url, base);
  for (const name of CREDENTIAL_PARAMS) if (u.searchParams.has(name)) return `a "${name}" parameter`;
  return '';
}

/**
 * Issue #16, "no credential in any URL, ever": for each role, crawl every page reachable from the
 * community home (links only, in Chromium, with the session cookie) and fail on any href, action,
 * src, redirect Location or page address that carries the session; then open every crawled
 * address in a fresh browser context and expect no member data.
 */
describe('in a real browser: no address carries a session, for any role', function () {
  this.timeout(600_000);
  let h: Harness;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  const secrets: string[] = [];
  const crawled = new Set<string>();

  before(async () => {
    h = await harness();
    browser = await launchChromium();
    c = await sharingCommunity(h);
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil confidentiel du crawl', body: 'Un texte que seuls les membres lisent.' })).url, 'threads');
    await marie.post(`${c.base}/threads/${thread}/posts`, { body: 'Réponse réservée aux membres.' });
    await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Ressource confidentielle du crawl', url: 'https://example.org/r', description: 'Pour les membres' });
    await alex.post(`${c.base}/journal`, { title: 'Billet confidentiel du crawl', body: 'Réflexion', visibility: 'community' });
    await alex.post(`${c.base}/problems`, { title: 'Problème confidentiel du crawl', context: 'Trois élèves arrivent en retard.', tried: 'Un rappel.', needed: 'Des idées.' });
    secrets.push('Fil confidentiel du crawl', 'Ressource confidentielle du crawl', 'Billet confidentiel du crawl', 'Problème confidentiel du crawl', 'Un texte que seuls les membres lisent', 'Alex Smith', 'Marie Tremblay', 'Chris Lee', 'Olivia Watcher');
  });
  after(async () => browser?.close());

  async function crawlAs(member: Member, carrier: 'cookie' | 'tab'): Promise<{ problems: string[]; pages: number }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const token = sessionOf(h, member.agent);
    // The tab carrier, as Turbo Drive sends it: the header on every request, no cookie.
    if (carrier === 'cookie') await enterAs(context, h.toolUrl, member.agent);
    else await context.setExtraHTTPHeaders({ [SESSION_HEADER]: token });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = (what: string, url: string, where: string) => {
      const found = credentialIn(url, h.toolUrl, token);
      if (found) problems.push(`${where}: ${what} ${url} carries ${found}`);
    };
    page.on('response', (r) => {
      const location = r.headers().location;
      if (location) check('Location', location, r.url());
      if (r.url().startsWith(h.toolUrl)) check('request', r.url(), 'network');
    });
    const queue = [`${c.base}`];
    const seen = new Set(queue);
    let pages = 0;
    try {
      while (queue.length && pages < MAX_PAGES) {
        const path = queue.shift()!;
        const url = new URL(path, h.toolUrl).href;
        crawled.add(url);
        if (FILES.test(new URL(url).pathname)) {
          const res = await context.request.get(url, { maxRedirects: 0 });
          const location = res.headers().location;
          if (location) check('Location', location, path);
          continue;
        }
        pages++;
        const res = await page.goto(url).catch(() => null);
        if (!res) continue;
        check('address', page.url(), path);
        check('history', await page.evaluate(() => location.href), path);
        const attrs = await page.evaluate(() => {
          const out: Array<[string, string]> = [];
          for (const el of Array.from(document.querySelectorAll('[href],[action],[src],[formaction]'))) {
            for (const a of ['href', 'action', 'src', 'formaction']) {
              const v = el.getAttribute(a);
              if (v) out.push([a, v]);
            }
          }
          return out;
        });
        for (const [attr, value] of attrs) {
          check(attr, value, path);
          if (attr !== 'href' || !URL.canParse(value, url)) continue;
          const next = new URL(value, url);
          if (next.origin !== new URL(h.toolUrl).origin || next.pathname.startsWith('/public/') || next.pathname.startsWith('/lti/')) continue;
          const key = `${next.pathname}${next.search}`;
          if (!seen.has(key)) {
            seen.add(key);
            queue.push(key);
          }
        }
      }
    } finally {
      await context.close();
    }
    return { problems, pages };
  }

  const roles = [['facilitator', 'instructor'], ['member', 'learner1'], ['mentor', 'mentor'], ['observer', 'observer1']] as const;
  for (const [carrier, list] of [['cookie', roles], ['tab', roles.slice(0, 2)]] as const) for (const [role, userId] of list) {
    it(`${role}, ${carrier} carrier: no href, action, src, Location or page address carries a credential`, async () => {
      const member = await c.as(userId);
      const { problems, pages } = await crawlAs(member, carrier);
      assert.ok(pages >= 8, `${role} reached only ${pages} pages`);
      assert.deepEqual(problems, []);
    });
  }

  it('every crawled address opened in a fresh browser shows no member data', async () => {
    assert.ok(crawled.size > 20, `only ${crawled.size} addresses crawled`);
    const fresh: BrowserContext = await browser.newContext();
    const leaks: string[] = [];
    try {
      for (const url of crawled) {
        const res = await fresh.request.get(url, { maxRedirects: 0 });
        assert.ok(res.status() < 500, `${url}: ${res.status()}`);
        const body = await res.text();
        for (const s of secrets) if (body.includes(s)) leaks.push(`${url} (${res.status()}) shows "${s}"`);
        if (/Signed in|Connecté·e|Connecté/.test(body)) leaks.push(`${url} shows a signed-in header`);
      }
    } finally {
      await fresh.close();
    }
    assert.deepEqual(leaks, []);
  });
});

