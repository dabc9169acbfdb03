import type { Request, Response } from 'express';
import type { Config } from '../config';
import { crossSiteCookie } from '../lti/cookie-policy';

/** The partitioned session cookie (carrier 1). */
export const SESSION_COOKIE = 'coper_session';
/** The header a tab sends when it holds the token itself (carrier 2). */
export const SESSION_HEADER = 'x-coper-session';

/** How the session reached the tool on the request that carried it. */
export type Carrier = 'cookie' | 'tab';

/** The cookie's value from the Cookie header ('' when absent). */
function cookieValue(req: Request, name: string): string {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return '';
      }
    }
  }
  return '';
}

/**
 * The session token a request presents, and by which carrier. Never the URL or a form field: an
 * address is copied, pasted, mailed and shared, and would hand the session to whoever opens it.
 * A tab's header wins over the cookie (the tab that holds a token knows its own session).
 */
export function presentedSession(req: Request): { token: string; carrier: Carrier } | null {
  const header = req.get(SESSION_HEADER) ?? /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
  if (header) return { token: header, carrier: 'tab' };
  const cookie = cookieValue(req, SESSION_COOKIE);
  return cookie ? { token: cookie, carrier: 'cookie' } : null;
}

/** Hand the session to the browser as an HttpOnly partitioned cookie, bounded by the absolute lifetime. */
export function setSessionCookie(config: Config, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...crossSiteCookie(config), httpOnly: true, path: '/', maxAge: config.SESSION_ABSOLUTE_MINUTES * 60_000 });
}
