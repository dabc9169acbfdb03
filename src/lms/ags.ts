/**
 * Assignment and Grade Services 2.0 client for the tool's own columns: find or create a cohort's
 * line item (§3.2), and publish a score (§3.4) straight to `<line item>/scores` — not through
 * ltijs's submitScore, which rewrites the timestamp (LTIJS-NOTES.md) and so breaks idempotent
 * replays. Moodle line item URLs carry `?type_id=N`: `/scores` goes on the path, before the query.
 */
import { SCOPES } from '../lti/scopes';
import type { Platform } from '../kernel/platform';
import { LmsError, asLmsError, parseRetryAfter } from './errors';
import { getAccessToken, invalidateAccessToken } from './token';
import { lmsFetch, platformMessage } from '../lti/outbound';

const LINE_ITEM = 'application/vnd.ims.lis.v2.lineitem+json';
const CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCORE = 'application/vnd.ims.lis.v1.score+json';

type ServicePlatform = Pick<Platform, 'id' | 'issuer' | 'clientId' | 'tokenUrl' | 'authServer'>;

/** What a score publish came to, as the outbox needs it. */
export type ScoreAnswer =
  | { ok: true; status: number }
  | { ok: false; code: 'superseded' | 'refused' | 'rate_limited' | 'server_error' | 'network' | 'unauthorized' | 'scope_not_granted' | 'token_refused' | 'platform_missing' | 'internal'; status?: number; detail: string; retryAfterMs?: number };

/** The score body (AGS §3.4.6) plus Canvas's submission extension. */
export interface ScoreBody {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  timestamp: string;
  activityProgress: string;
  gradingProgress: string;
  'https://canvas.instructure.com/lti/submission'?: { new_submission: boolean };
}

/** `<line item>/scores`, keeping the query (Moodle's `?type_id=1`) after the path. */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/scores`;
  return u.href;
}

/** Scopes the token must carry for what the cohort's platform granted. */
export function agsTokenScopes(granted: string[], needLineItem: boolean): string[] {
  return needLineItem && granted.includes(SCOPES.lineItem) ? [SCOPES.lineItem, SCOPES.score] : [SCOPES.score];
}

/** One authorized call; a refused token (401) is renewed once (token.ts's invalidate-on-401). */
async function call(platform: ServicePlatform, scopes: string[], url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
  for (let renewed = false; ; renewed = true) {
    const token = await getAccessToken(platform, scopes);
    let res: Response;
    try {
      res = await lmsFetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
    } catch (err) {
      throw new LmsError('network', `${new URL(url).host}: ${(err as Error).message}`);
    }
    if (res.status !== 401 || renewed || /insufficient_scope/.test(res.headers.get('www-authenticate') ?? '')) return res;
    await res.body?.cancel().catch(() => undefined);
    invalidateAccessToken(platform, scopes);
  }
}

/** Publish one score. Never throws: every outcome is an answer the outbox records. */
export async function publishScore(platform: ServicePlatform, granted: string[], lineItemUrl: string, body: ScoreBody): Promise<ScoreAnswer> {
  try {
    const res = await call(platform, agsTokenScopes(granted, false), scoresUrl(lineItemUrl), {
      method: 'POST',
      headers: { 'content-type': SCORE, accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: true, status: res.status };
    }
    return { ok: false, ...(await refusal(res)) };
  } catch (e) {
    const err = asLmsError(e);
    const code = (['rate_limited', 'server_error', 'network', 'scope_not_granted', 'token_refused', 'platform_missing'] as const).find((c) => c === err.code) ?? 'internal';
    return { ok: false, code, status: err.status, detail: err.detail, retryAfterMs: err.retryAfterMs };
  }
}

async function refusal(res: Response): Promise<Omit<Extract<ScoreAnswer, { ok: false }>, 'ok'>> {
  const s = res.status;
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
  const detail = await platformMessage(res);
  // Moodle: 409 "Refusing score with an earlier timestamp" (a replay of what it already holds
  // included); Canvas: 400 "Provided timestamp … before last updated timestamp". The LMS holds
  // this score or a later one: superseded, not an error to retry.
  if (s === 409 || (s === 400 && /timestamp/i.test(detail) && /(earlier|before)/i.test(detail))) return { code: 'superseded', status: s, detail };
  if (s === 429) return { code: 'rate_limited', status: s, detail, retryAfterMs };
  if (s >= 500 || s === 408) return { code: 'server_error', status: s, detail, retryAfterMs };
  if (s === 401) return { code: /insufficient_scope/.test(detail) ? 'scope_not_granted' : 'unauthorized', status: s, detail };
  // 400 (a teacher, a bad body), 403, 404 (course or column removed), 422 (not a student,
  // course concluded): a person must act; retrying would not change the answer.
  return { code: 'refused', status: s, detail };
}

/** A line item as AGS returns it. */
export interface LineItem {
  id: string;
  label?: string;
  scoreMaximum?: number;
  resourceId?: string;
  tag?: string;
}

/** GET the container filtered by resource_id (§3.2.5); the first matching line item, if any. */
export async function findLineItem(platform: ServicePlatform, lineItemsUrl: string, resourceId: string): Promise<LineItem | undefined> {
  const u = new URL(lineItemsUrl);
  u.searchParams.set('resource_id', resourceId);
  const res = await call(platform, [SCOPES.lineItem, SCOPES.score], u.href, { method: 'GET', headers: { accept: CONTAINER } });
  if (!res.ok) throw serviceError(res, await platformMessage(res));
  const list = (await res.json().catch(() => [])) as LineItem[];
  return Array.isArray(list) ? list.find((li) => li && typeof li.id === 'string' && li.resourceId === resourceId) : undefined;
}

/** POST a new line item to the container (§3.2.6). */
export async function createLineItem(platform: ServicePlatform, lineItemsUrl: string, item: Omit<LineItem, 'id'>): Promise<LineItem> {
  const res = await call(platform, [SCOPES.lineItem, SCOPES.score], lineItemsUrl, {
    method: 'POST',
    headers: { 'content-type': LINE_ITEM, accept: LINE_ITEM },
    body: JSON.stringify(item),
  });
  if (!res.ok) throw serviceError(res, await platformMessage(res));
  const li = (await res.json().catch(() => ({}))) as LineItem;
  if (typeof li.id !== 'string') throw new LmsError('bad_response', 'line item created without an id');
  return li;
}

/** DELETE a line item (a duplicate another worker created at the same moment). */
export async function deleteLineItem(platform: ServicePlatform, url: string): Promise<void> {
  const res = await call(platform, [SCOPES.lineItem, SCOPES.score], url, { method: 'DELETE', headers: {} });
  await res.body?.cancel().catch(() => undefined);
}

function serviceError(res: Response, detail: string): LmsError {
  const s = res.status;
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (s === 429) return new LmsError('rate_limited', detail, retryAfter, s);
  if (s >= 500) return new LmsError('server_error', detail, retryAfter, s);
  if (s === 401) return new LmsError('unauthorized', detail, undefined, s);
  if (s === 404) return new LmsError('link_removed', detail, undefined, s);
  return new LmsError('bad_request', detail, undefined, s);
}
