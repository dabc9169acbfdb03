import crypto from 'node:crypto';
import type { BrowserAgent, AgentPage } from '../../src/devplatform';
import { SESSION_COOKIE, SESSION_HEADER } from '../../src/sessions/carrier';
import { csrfToken } from '../../src/sessions/service';
import type { Harness } from './harness';

/**
 * How tests hold a session: through the browser that launched (its cookie jar), never through an
 * address. When the session carrier changes, only this file changes.
 */

/** The session token a launched browser holds (its partitioned cookie); '' when none. */
export function sessionOf(h: Harness, agent: BrowserAgent): string {
  return agent.cookies.get(new URL(h.toolUrl).host)[SESSION_COOKIE] ?? '';
}

/** The CSRF token of a browser's session: what every form of that session carries. */
export function csrfOf(h: Harness, agent: BrowserAgent): string {
  return csrfToken(h.config.LTI_KEY, crypto.createHash('sha256').update(sessionOf(h, agent)).digest('hex'));
}

/** Request options carrying a browser's session, for requests made with plain fetch (multipart, repeated fields). */
export function withSession(h: Harness, agent: BrowserAgent, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  const cookie = agent.cookies.header(new URL(h.toolUrl));
  if (cookie) headers.set('cookie', cookie);
  return { ...init, headers };
}

/** Request options carrying a session as a tab does when its cookie was refused (carrier 2). */
export function asTab(token: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set(SESSION_HEADER, token);
  return { ...init, headers };
}

/** A launched browser's GET and POST on tool pages (paths only; the session rides along). */
export function signedIn(h: Harness, agent: BrowserAgent) {
  const csrf = csrfOf(h, agent);
  return {
    agent,
    csrf,
    get: (path: string, query: Record<string, string | number> = {}): Promise<AgentPage> => {
      const u = new URL(path, h.toolUrl);
      for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
      return agent.fetch(u.href);
    },
    post: (path: string, form: Record<string, string> = {}, init: { redirect?: 'manual' } = {}): Promise<AgentPage> =>
      agent.fetch(new URL(path, h.toolUrl).href, { method: 'POST', form: { _csrf: csrf, ...form }, redirect: init.redirect }),
  };
}

/** Launch `userId` into a course and return their signed-in browser. */
export async function signIn(h: Harness, p: { userId: string; courseId?: string; platform?: Harness['moodle'] }) {
  const page = await h.launch(p);
  return { page, ...signedIn(h, page.agent) };
}
