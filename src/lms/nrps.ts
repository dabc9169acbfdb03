/**
 * A small NRPS 2.0 client with per-page control: follows every `rel="next"` (§2.4.1) with a
 * sensible `limit`, keeps the `rel="differences"` link (§2.4.2), refreshes a refused token once
 * (401), waits as told by `Retry-After` (429, Canvas's 403 throttling) and retries 5xx with
 * backoff. It only reads: the caller applies the roster once every page was read, so a failure
 * on page 13 of 20 changes nothing. (ltijs's NamesAndRoles.getMembers reads all pages but gives
 * no per-page retry, backoff or progress.)
 */
import { SCOPES } from '../lti/scopes';
import type { Platform } from '../kernel/platform';
import { LmsError, asLmsError, parseRetryAfter } from './errors';
import { getAccessToken, invalidateAccessToken } from './token';
import { lmsFetch, platformMessage } from '../lti/outbound';
import { parseLinkHeader, parseMembershipPage, type RosterMember } from './nrps-schema';

/**
 * Exactly one media type. Moodle's mod/lti/services.php picks the service resource by comparing
 * the whole `Accept` header with the resource's media types as strings (only a header containing
 * `*\/*` is let through loosely): a list with q-values is a 400 "No handler found for …".
 * Canvas serves this type too.
 */
export const NRPS_ACCEPT = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** Members per NRPS page we ask for: 5,000 members in 50 requests. */
export const PAGE_LIMIT = 100;
const MAX_PAGES = 5000;
const SCOPE = [SCOPES.nrps];

type ServicePlatform = Pick<Platform, 'id' | 'issuer' | 'clientId' | 'tokenUrl' | 'authServer'>;

/** How a page is retried inside one sync; beyond this the sync fails and is rescheduled with backoff. */
export const retryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  /** A longer Retry-After ends the sync; the worker comes back after it. */
  maxInlineWaitMs: 30_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** Everything read from a membership URL, once all its pages were read. */
export interface RosterRead {
  members: RosterMember[];
  /** Entries that were not usable members (no user_id…). */
  skipped: number;
  pages: number;
  differencesUrl?: string;
}

/** Progress after each page (the CLI's bar, the facilitator's indicator). */
export interface ReadProgress {
  pages: number;
  members: number;
}

/** Read every page of a membership URL (a context membership URL or a differences link). */
export async function readRoster(platform: ServicePlatform, startUrl: string, onPage?: (p: ReadProgress) => Promise<void> | void): Promise<RosterRead> {
  const origin = new URL(startUrl).origin;
  const byUser = new Map<string, RosterMember>();
  const seen = new Set<string>();
  let url: string | undefined = withLimit(startUrl);
  let differencesUrl: string | undefined;
  let skipped = 0;
  let pages = 0;
  while (url) {
    if (seen.has(url) || pages >= MAX_PAGES) throw new LmsError('bad_response', `paging loops at ${url}`);
    seen.add(url);
    const { body, links } = await fetchPage(platform, url);
    const page = parseMembershipPage(body);
    if (!page) throw new LmsError('bad_response', 'not a membership container');
    pages++;
    skipped += page.skipped;
    // A member listed twice (the roster changed while we paged): the later entry wins.
    for (const m of page.members) byUser.set(m.userId, m);
    differencesUrl = links.differences ?? differencesUrl;
    url = links.next;
    // The bearer token must never leave the platform that issued the link.
    if (url && new URL(url, startUrl).origin !== origin) throw new LmsError('bad_response', 'next link points to another host');
    if (url) url = new URL(url, startUrl).href;
    await onPage?.({ pages, members: byUser.size });
  }
  return { members: [...byUser.values()], skipped, pages, differencesUrl };
}

/** Ask for pages of PAGE_LIMIT unless the URL already says how many. */
export function withLimit(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('limit')) u.searchParams.set('limit', String(PAGE_LIMIT));
  return u.href;
}

async function fetchPage(platform: ServicePlatform, url: string): Promise<{ body: unknown; links: Record<string, string> }> {
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await get(url, await getAccessToken(platform, SCOPE));
      if (res.ok) return await readBody(res);
      const err = await responseError(res);
      // 401: the token may have been revoked or expired early: ask for a new one, once.
      if (err.code === 'unauthorized' && !refreshed) {
        invalidateAccessToken(platform, SCOPE);
        refreshed = true;
        continue;
      }
      throw err;
    } catch (e) {
      const err = asLmsError(e);
      const wait = inlineWait(err, attempt);
      if (wait === undefined) throw err;
      await retryPolicy.sleep(wait);
    }
  }
}

async function get(url: string, token: string): Promise<Response> {
  try {
    return await lmsFetch(url, { headers: { authorization: `Bearer ${token}`, accept: NRPS_ACCEPT } }, 60_000);
  } catch (err) {
    throw new LmsError('network', `${new URL(url).host}: ${(err as Error).message}`);
  }
}

async function readBody(res: Response): Promise<{ body: unknown; links: Record<string, string> }> {
  const type = res.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) throw new LmsError('bad_response', `unexpected content type ${type || '(none)'}`);
  const body = await res.json().catch(() => {
    throw new LmsError('bad_response', 'body is not JSON');
  });
  return { body, links: parseLinkHeader(res.headers.get('link')) };
}

/** An HTTP failure as a typed error. */
async function responseError(res: Response): Promise<LmsError> {
  const wwwAuthenticate = res.headers.get('www-authenticate') ?? '';
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  const text = await platformMessage(res);
  // The platform's own words, so a facilitator (and the log) can read why it refused.
  const detail = `NRPS: HTTP ${res.status} ${text}`.trim().slice(0, 1000);
  const s = res.status;
  if (s === 401 && /insufficient_scope/.test(`${wwwAuthenticate} ${text}`)) return new LmsError('scope_not_granted', detail, undefined, s);
  if (s === 401) return new LmsError('unauthorized', detail, undefined, s);
  // Canvas throttles with 403 "Rate Limit Exceeded" (and sometimes a Retry-After).
  if (s === 429 || (s === 403 && (retryAfter !== undefined || /rate limit/i.test(text)))) return new LmsError('rate_limited', detail, retryAfter, s);
  if (s === 403) return new LmsError('forbidden', detail, undefined, s);
  if (s === 404 || s === 410) return new LmsError('link_removed', detail, undefined, s);
  if (s >= 500) return new LmsError('server_error', detail, retryAfter, s);
  return new LmsError('bad_request', detail, undefined, s);
}

/** How long to wait before trying the same page again, or undefined to give up now. */
function inlineWait(err: LmsError, attempt: number): number | undefined {
  if (!['rate_limited', 'server_error', 'network'].includes(err.code) || attempt >= retryPolicy.attempts) return undefined;
  const wait = err.retryAfterMs ?? retryPolicy.baseDelayMs * 2 ** (attempt - 1);
  return wait > retryPolicy.maxInlineWaitMs ? undefined : wait;
}
