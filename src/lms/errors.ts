/**
 * Typed failures of the LMS service calls (NRPS, OAuth2 token). Each code has a message in the
 * members catalog (`members.errors.<code>`), so a facilitator sees what went wrong and what to do.
 */
export type LmsErrorCode =
  | 'scope_not_granted' // the administrator did not enable the NRPS scope for the tool
  | 'token_refused' // the token endpoint refused our client assertion (401 invalid_client)
  | 'unauthorized' // NRPS refused the token twice (401), even after a fresh one
  | 'forbidden' // 403 without a rate-limit signal
  | 'link_removed' // 404/410: the course or the tool link was removed in the LMS
  | 'rate_limited' // 429, or Canvas's 403 "Rate Limit Exceeded"
  | 'server_error' // 5xx after retries
  | 'network' // connection refused, DNS, timeout
  | 'bad_response' // not an NRPS membership container, or a next link to another host
  | 'bad_request' // another 4xx
  | 'empty_roster' // a complete roster with nobody in it: refused rather than deactivate everyone
  | 'no_service' // the course never sent an NRPS URL at launch
  | 'platform_missing' // the platform was removed from the tool
  | 'internal'; // our own failure (database…)

/** Codes worth retrying later with backoff; the others wait for a person to act. */
const RETRYABLE: ReadonlySet<LmsErrorCode> = new Set(['rate_limited', 'server_error', 'network', 'internal', 'token_refused', 'unauthorized']);

export class LmsError extends Error {
  constructor(
    public readonly code: LmsErrorCode,
    public readonly detail: string = code,
    /** Milliseconds the platform asked us to wait (Retry-After). */
    public readonly retryAfterMs?: number,
    public readonly status?: number,
  ) {
    super(`${code}: ${detail}`);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Any thrown value as an LmsError (unknown failures are ours: `internal`). */
export function asLmsError(err: unknown): LmsError {
  if (err instanceof LmsError) return err;
  return new LmsError('internal', err instanceof Error ? err.message : String(err));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
