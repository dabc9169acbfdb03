import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { userAgent } from './outbound';

/**
 * Platform key sets, cached per JWKS URL: ten minutes, and at most one re-fetch when a token
 * names a `kid` we have not seen (key rotation), at most once per cooldown (LTI_JWKS_COOLDOWN_SECONDS, 30 s).
 */
const cache = new Map<string, JWTVerifyGetKey>();

export function platformKeySet(jwksUrl: string, cooldownSeconds = 30): JWTVerifyGetKey {
  let set = cache.get(jwksUrl);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: cooldownSeconds * 1000, timeoutDuration: 5_000, headers: { 'user-agent': userAgent() } });
    cache.set(jwksUrl, set);
  }
  return set;
}

/** Forget cached key sets (tests, or after a platform's JWKS URL changes). */
export function clearKeySets(): void {
  cache.clear();
}
