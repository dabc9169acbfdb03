/**
 * A small cookie jar for the headless agent (RFC 6265 §5.2–5.4, simplified): cookies are
 * kept per origin host (host:port, so a tool and a platform on one machine stay apart),
 * with Path and Expires/Max-Age honoured. Domain, SameSite, Partitioned and Secure are
 * ignored: every test runs over plain http on 127.0.0.1, where a browser treats
 * localhost-ish origins as secure anyway.
 */

/** One stored cookie. */
export interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expires?: number;
}

/** Cookies per origin host. */
export class CookieJar {
  private readonly byHost = new Map<string, StoredCookie[]>();

  /** Stores one Set-Cookie header received from `url`. */
  store(url: URL, setCookie: string): void {
    const [pair, ...attrs] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: StoredCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), path: defaultPath(url) };
    let maxAge: number | undefined;
    for (const a of attrs) {
      const [k, ...rest] = a.split('=');
      const key = k.trim().toLowerCase();
      const v = rest.join('=').trim();
      if (key === 'path' && v.startsWith('/')) cookie.path = v;
      else if (key === 'expires' && !Number.isNaN(Date.parse(v))) cookie.expires = Date.parse(v);
      else if (key === 'max-age' && /^-?\d+$/.test(v)) maxAge = Number(v);
    }
    // Max-Age wins over Expires (§5.3 step 3).
    if (maxAge !== undefined) cookie.expires = Date.now() + maxAge * 1000;
    const list = (this.byHost.get(url.host) ?? []).filter((c) => !(c.name === cookie.name && c.path === cookie.path));
    if (cookie.expires === undefined || cookie.expires > Date.now()) list.push(cookie);
    this.byHost.set(url.host, list);
  }

  /** The Cookie header for a request to `url` ('' when none), longest paths first (§5.4). */
  header(url: URL): string {
    return this.matching(url).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** Live cookies of a host (host:port), name → value, for assertions. */
  get(host: string): Record<string, string> {
    const now = Date.now();
    const list = (this.byHost.get(host) ?? []).filter((c) => c.expires === undefined || c.expires > now);
    return Object.fromEntries(list.map((c) => [c.name, c.value]));
  }

  /** Forgets everything (a fresh browser profile). */
  clear(): void {
    this.byHost.clear();
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    return (this.byHost.get(url.host) ?? [])
      .filter((c) => (c.expires === undefined || c.expires > now) && pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length);
  }
}

function defaultPath(url: URL): string {
  const p = url.pathname;
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
