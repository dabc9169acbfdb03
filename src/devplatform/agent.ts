/**
 * A headless "browser" that walks LTI flows over real HTTP: it keeps cookies, follows
 * redirects and submits the auto-posting forms LMSs and tools use, so tests exercise the
 * real launch instead of calling handlers.
 */
import type { DevPlatform } from './index';
import { CookieJar } from './cookies';

/** A page as the agent received it. */
export interface AgentPage {
  status: number;
  url: string;
  headers: Headers;
  text: string;
}

/** Options of BrowserAgent.fetch. */
export interface AgentRequest {
  method?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  redirect?: 'follow' | 'manual';
}

const MAX_REDIRECTS = 10;
const REDIRECTS = [301, 302, 303, 307, 308];

/** Decodes the HTML entities our pages and ltijs's use in attribute values. */
function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    out[m[1].toLowerCase()] = unescapeHtml(m[3] ?? m[4] ?? m[5] ?? '');
  }
  return out;
}

/** The first POST form of a page: its absolute action and its named inputs. */
export function parsePostForm(page: { url: string; text: string }): { action: string; fields: Record<string, string> } | undefined {
  for (const m of page.text.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1]);
    if ((attrs.method ?? 'get').toLowerCase() !== 'post') continue;
    const fields: Record<string, string> = {};
    for (const input of m[2].matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]);
      if (a.name && !['submit', 'button', 'image', 'reset'].includes((a.type ?? '').toLowerCase())) fields[a.name] = a.value ?? '';
    }
    return { action: new URL(attrs.action ?? page.url, page.url).href, fields };
  }
  return undefined;
}

/** A headless browser with a per-host cookie jar. */
export class BrowserAgent {
  readonly cookies = new CookieJar();
  private readonly userAgent: string;

  constructor(opts: { userAgent?: string } = {}) {
    this.userAgent = opts.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) CoPeR-BrowserAgent/1.0';
  }

  /** Fetches a URL as a browser would: cookies sent and stored, 3xx followed (max 10). */
  async fetch(url: string, init: AgentRequest = {}): Promise<AgentPage> {
    let target = new URL(url);
    let method = (init.method ?? (init.form ? 'POST' : 'GET')).toUpperCase();
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...init.headers };
      const cookie = this.cookies.header(target);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(target, { method, headers, body, redirect: 'manual' });
      for (const sc of res.headers.getSetCookie()) this.cookies.store(target, sc);
      const location = res.headers.get('location');
      if (init.redirect === 'manual' || !REDIRECTS.includes(res.status) || !location) {
        return { status: res.status, url: target.href, headers: res.headers, text: await res.text() };
      }
      await res.arrayBuffer();
      if (hops >= MAX_REDIRECTS) throw new Error(`BrowserAgent: more than ${MAX_REDIRECTS} redirects from ${url}`);
      target = new URL(location, target);
      // Fetch standard §4.4: 303, and 301/302 after a POST, become a GET without body.
      if (res.status === 303 || (method === 'POST' && (res.status === 301 || res.status === 302))) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  /** Submits the first POST form of an auto-submitting page, with an Origin as a browser would. */
  async submitAutoForm(page: { url: string; text: string }, init: Pick<AgentRequest, 'redirect' | 'headers'> = {}): Promise<AgentPage> {
    const form = parsePostForm(page);
    if (!form) throw new Error(`BrowserAgent: no POST form in the page at ${page.url}`);
    const origin = new URL(page.url).origin;
    return this.fetch(form.action, { method: 'POST', form: form.fields, redirect: init.redirect, headers: { origin, referer: page.url, ...init.headers } });
  }
}

/** Parameters of launch(). */
export interface LaunchParams {
  userId: string;
  courseId?: string;
  agent?: BrowserAgent;
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  resourceLinkId?: string;
  targetLinkUri?: string;
  /** Called with the auth request instead of the auth endpoint; returns a forged id_token and/or state. */
  tamper?: (ctx: { authParams: URLSearchParams; platform: DevPlatform }) => Promise<{ id_token?: string; state?: string } | void>;
  /** Stop at the tool's answer to the id_token post (its redirect) instead of following it to the first page. */
  stopAtLaunchResponse?: boolean;
}

/** Result of launch(): the final page and the agent (its cookies) for further requests. */
export type LaunchResult = AgentPage & { agent: BrowserAgent };

/**
 * Launches the tool as a browser would: the platform's launch page, the login initiation
 * POSTed to the tool, the tool's redirect to the auth endpoint, the form_post of
 * id_token + state to the tool, then the tool's own redirects. Stops early (and returns
 * that page) when a step does not answer as expected.
 */
export async function launch(platform: DevPlatform, p: LaunchParams): Promise<LaunchResult> {
  const agent = p.agent ?? new BrowserAgent();
  const qs = new URLSearchParams({ user: p.userId });
  if (p.courseId) qs.set('course', p.courseId);
  if (p.messageType === 'LtiDeepLinkingRequest') qs.set('type', 'deeplink');
  if (p.resourceLinkId) qs.set('resource_link', p.resourceLinkId);
  if (p.targetLinkUri) qs.set('target', p.targetLinkUri);
  const page = await agent.fetch(`${platform.url}/launch?${qs}`);
  if (page.status !== 200) return { ...page, agent };
  const authUrl = await followToAuth(agent, platform, await agent.submitAutoForm(page, { redirect: 'manual' }));
  if (!(authUrl instanceof URL)) return { ...authUrl, agent };
  const authParams = new URLSearchParams(authUrl.searchParams);
  const forged = p.tamper ? (await p.tamper({ authParams, platform })) ?? {} : {};
  let idToken = forged.id_token;
  let state = forged.state ?? authParams.get('state') ?? '';
  let action = authParams.get('redirect_uri') ?? '';
  if (idToken === undefined) {
    const auth = await agent.fetch(authUrl.href);
    const form = auth.status === 200 ? parsePostForm(auth) : undefined;
    if (!form) return { ...auth, agent };
    idToken = form.fields.id_token;
    state = forged.state ?? form.fields.state;
    action = form.action;
  }
  const headers = { origin: new URL(platform.url).origin, referer: authUrl.href };
  const answer = await agent.fetch(action, { method: 'POST', form: { id_token: idToken, state }, headers, redirect: p.stopAtLaunchResponse ? 'manual' : undefined });
  if (p.stopAtLaunchResponse) return { ...answer, agent };
  // The tool ends a launch on a page that moves on by itself; the agent runs no script, so it
  // follows the page's <noscript> refresh as a browser with scripts off does.
  const refresh = answer.status === 200 ? metaRefresh(answer.text) : null;
  return { ...(refresh ? await agent.fetch(new URL(refresh, answer.url).href) : answer), agent };
}

/** The target of a `<meta http-equiv="refresh" content="0;url=…">`, if the page has one. */
export function metaRefresh(html: string): string | null {
  const m = /<meta\s+http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"/i.exec(html);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

/** Follows the tool's redirects after login initiation until one points at the auth endpoint. */
async function followToAuth(agent: BrowserAgent, platform: DevPlatform, res: AgentPage): Promise<URL | AgentPage> {
  const authEndpoint = new URL(platform.registration.authUrl);
  for (let hops = 0; hops < MAX_REDIRECTS; hops++) {
    // A tool that stores the login state with the platform (LTI Platform Storage) answers a page that
    // moves on by script; the agent runs none and follows its <noscript> refresh, as such a browser does.
    const refresh = res.status === 200 ? metaRefresh(res.text) : null;
    const location = res.headers.get('location') ?? refresh;
    if (!(REDIRECTS.includes(res.status) || refresh) || !location) return res;
    const next = new URL(location, res.url);
    if (next.origin === authEndpoint.origin && next.pathname === authEndpoint.pathname) return next;
    res = await agent.fetch(next.href, { redirect: 'manual' });
  }
  return res;
}
