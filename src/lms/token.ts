/**
 * OAuth2 access tokens for LTI Advantage services (IMS Security Framework §4.1, RFC 7523): a
 * client_credentials grant with a JWT client assertion signed by the tool key ltijs holds for the
 * platform. Built from the platform row alone, so background jobs need no live launch. Tokens are
 * cached in memory until shortly before they expire; `invalidateAccessToken` drops one the
 * service refused (401), so the caller can ask for a fresh one once.
 */
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { lti } from '../lti/provider';
import type { Platform } from '../kernel/platform';
import { LmsError, parseRetryAfter } from './errors';
import { lmsFetch } from '../lti/outbound';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const cache = new Map<string, { token: string; expiresAt: number }>();
const pending = new Map<string, Promise<string>>();

type TokenPlatform = Pick<Platform, 'id' | 'issuer' | 'clientId' | 'tokenUrl' | 'authServer'>;
const cacheKey = (p: TokenPlatform, scopes: string[]) => `${p.id}\n${[...scopes].sort().join(' ')}`;

/** A bearer token for these scopes on this platform, from the cache or the platform's token endpoint. */
export async function getAccessToken(platform: TokenPlatform, scopes: string[]): Promise<string> {
  const key = cacheKey(platform, scopes);
  const hit = cache.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.token;
  // Concurrent syncs of one platform share one token request.
  let inflight = pending.get(key);
  if (!inflight) {
    inflight = requestToken(platform, scopes).finally(() => pending.delete(key));
    pending.set(key, inflight);
  }
  return inflight;
}

/** Forget a token the service refused, so the next call asks the platform again. */
export function invalidateAccessToken(platform: TokenPlatform, scopes: string[]): void {
  cache.delete(cacheKey(platform, scopes));
}

/** Forget every cached token (tests, platform re-registration). */
export function clearAccessTokens(): void {
  cache.clear();
}

async function clientAssertion(platform: TokenPlatform): Promise<string> {
  const record = await lti.getPlatform(platform.issuer, platform.clientId);
  if (!record) throw new LmsError('platform_missing', `no tool key for ${platform.issuer}`);
  const key = crypto.createPrivateKey(await record.platformPrivateKey());
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: await record.platformKid() })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.authServer ?? platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime('60s')
    .setJti(crypto.randomUUID())
    .sign(key);
}

async function requestToken(platform: TokenPlatform, scopes: string[]): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: await clientAssertion(platform),
    scope: scopes.join(' '),
  });
  let res: Response;
  try {
    res = await lmsFetch(platform.tokenUrl, { method: 'POST', body, headers: { accept: 'application/json' } });
  } catch (err) {
    throw new LmsError('network', `token endpoint: ${(err as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; scope?: unknown; error?: unknown };
  if (!res.ok) throw tokenError(res, json);
  if (typeof json.access_token !== 'string' || !json.access_token) throw new LmsError('bad_response', 'token endpoint: no access_token');
  // Canvas grants the enabled subset of what was asked: an NRPS scope missing from `scope` is not granted.
  if (typeof json.scope === 'string') {
    const granted = json.scope.split(/\s+/);
    const missing = scopes.filter((s) => !granted.includes(s));
    if (missing.length) throw new LmsError('scope_not_granted', `not granted: ${missing.join(' ')}`);
  }
  const seconds = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600;
  cache.set(cacheKey(platform, scopes), { token: json.access_token, expiresAt: Date.now() + Math.max(10, seconds - 60) * 1000 });
  return json.access_token;
}

function tokenError(res: Response, json: { error?: unknown }): LmsError {
  const error = typeof json.error === 'string' ? json.error : '';
  const detail = `token endpoint: HTTP ${res.status}${error ? ` ${error}` : ''}`;
  // Moodle answers 400 invalid_scope when none of the scopes asked is enabled (LTIJS-NOTES.md).
  if (error === 'invalid_scope') return new LmsError('scope_not_granted', detail, undefined, res.status);
  if (res.status === 429) return new LmsError('rate_limited', detail, parseRetryAfter(res.headers.get('retry-after')), res.status);
  if (res.status >= 500) return new LmsError('server_error', detail, parseRetryAfter(res.headers.get('retry-after')), res.status);
  return new LmsError('token_refused', detail, undefined, res.status);
}
