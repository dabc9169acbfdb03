/**
 * The platform's signing keys: one RSA 2048 pair made at construction (served as a JWKS),
 * plus the odd keys the tests need to forge tokens a tool must refuse.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, base64url, type JWK, type JWTPayload } from 'jose';
import type { SignRawOptions } from './types';

/** An RSA key pair with its key id. */
export interface PlatformKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  jwk: JWK;
}

/**
 * Makes an RSA 2048 key pair with a random kid. Synchronous (node:crypto rather than
 * jose's async generateKeyPair) because the constructor must expose publicKeyPem at once.
 */
export function makeKeys(): PlatformKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('hex');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwk: JWK = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicKeyPem, jwk };
}

/** Signs a payload with RS256 and the given header (header values of undefined are removed). */
export async function signRs256(keys: PlatformKeys, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const merged: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: keys.kid, ...header };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return new SignJWT(payload).setProtectedHeader(merged as { alg: string }).sign(keys.privateKey);
}

/** Raw signing for attacks: alg none, HS256 keyed with the public PEM, or an unknown RSA key. */
export async function signRaw(keys: PlatformKeys, other: () => PlatformKeys, payload: object, opts: SignRawOptions): Promise<string> {
  const header: Record<string, unknown> = { alg: opts.alg, typ: 'JWT' };
  if (opts.kid !== undefined) header.kid = opts.kid;
  if (opts.alg === 'none') {
    // RFC 7519 §6.1: an Unsecured JWT has an empty signature part.
    const enc = (o: object) => base64url.encode(JSON.stringify(o));
    return `${enc(header)}.${enc(payload)}.`;
  }
  if (opts.alg === 'HS256') {
    // The classic algorithm-confusion attack: the public key, known to all, as HMAC secret.
    const secret = opts.key === 'other-rsa' ? randomBytes(32) : Buffer.from(keys.publicKeyPem);
    return new SignJWT(payload as JWTPayload).setProtectedHeader(header as { alg: string }).sign(secret);
  }
  const key = opts.key === 'other-rsa' ? other() : keys;
  if (opts.kid === undefined) header.kid = keys.kid; // the platform's kid, so only the signature is wrong
  return new SignJWT(payload as JWTPayload).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
}
