/**
 * Small helpers shared by the service endpoints: query reading, bearer tokens, faults.
 */
import type { Request, Response } from 'express';
import type { DevPlatform } from './index';

/** A query parameter as a string ('' when absent or repeated). */
export function q(req: Request, name: string): string {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

/** Request parameters from the query string and a form body, body first (OIDC allows both). */
export function params(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const src of [req.query as Record<string, unknown>, (req.body ?? {}) as Record<string, unknown>]) {
    for (const [k, v] of Object.entries(src)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * Checks the OAuth2 bearer token (LTI Security Framework §4.1) and that it carries one of
 * the scopes. Answers 401 itself and returns false when it does not.
 */
export function hasScope(p: DevPlatform, req: Request, res: Response, anyOf: string[]): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const token = m ? p.accessTokens.get(m[1]) : undefined;
  if (!token || token.expiresAt < Date.now()) {
    res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
    return false;
  }
  if (!anyOf.some((s) => token.scopes.includes(s))) {
    res.status(401).set('WWW-Authenticate', 'Bearer error="insufficient_scope"').json({ error: 'insufficient_scope', required: anyOf });
    return false;
  }
  return true;
}

/** Takes the first queued fault that matches, counting down its `times` (default 1). */
export function takeFault<F extends { times?: number }>(list: F[], matches: (f: F) => boolean = () => true): F | undefined {
  const i = list.findIndex(matches);
  if (i < 0) return undefined;
  const f = list[i];
  const left = (f.times ?? 1) - 1;
  if (left <= 0) list.splice(i, 1);
  else list[i] = { ...f, times: left };
  return f;
}

/** Answers an injected fault: its status, a Retry-After header when asked, a JSON body. */
export function sendFault(res: Response, f: { status: number; retryAfter?: number; body?: unknown }): void {
  if (f.retryAfter !== undefined) res.set('Retry-After', String(f.retryAfter));
  res.status(f.status).json(f.body ?? { status: f.status, error: 'injected fault' });
}

/** Parses an ISO 8601 date-time with a zone (AGS requires one for score timestamps). */
export function parseIsoTimestamp(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
