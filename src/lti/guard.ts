import crypto from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';
import { decodeJwt, decodeProtectedHeader, exportJWK, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import type { Config } from '../config';
import { LtiLogin } from './login-model';
import { LaunchRefused } from './errors';
import { CLAIM } from './claims';
import { platformKeySet } from './jwks';
import { launchKey } from './plugin';
import { activeDeployment, findActivePlatform } from './platforms';
import type { Platform } from '../kernel/platform';
import { pickLanguage } from './claims';
import { hasStateCookie, storageLaunchPage, storageStep, storageTarget, vouchForState } from './platform-storage';

/** A launch that passed the guard: its key, claims and login, and the platform and deployment row it names (read once, reused by the launch's handler). */
export interface VerifiedToken {
  jwk: Record<string, unknown>;
  payload: JWTPayload;
  login: LtiLogin;
  platform: Platform;
  deploymentRowId: number;
}

/**
 * Checks ltijs 5.9 does not make (LTIJS-NOTES.md "Launch validation"), run before ltijs sees
 * the launch. Nothing is written here: a refused launch leaves the database as it was.
 */
export async function verifyLaunch(config: Config, body: Record<string, unknown>): Promise<VerifiedToken> {
  if (typeof body.error === 'string') throw new LaunchRefused('PLATFORM_ERROR', { error: body.error });
  const token = typeof body.id_token === 'string' ? body.id_token : '';
  const state = typeof body.state === 'string' ? body.state : '';
  if (!token) throw new LaunchRefused('MISSING_ID_TOKEN');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new LaunchRefused('INVALID_JWT');
  }
  // Only RS256 (Security Framework §5.1.3): refuses alg "none" and HS256 signed with the public key.
  if (header.alg !== 'RS256') throw new LaunchRefused('BAD_ALGORITHM', { alg: header.alg });
  if (!header.kid) throw new LaunchRefused('MISSING_KID');

  const login = state ? await LtiLogin.findByPk(state) : null;
  if (!login) throw new LaunchRefused('UNKNOWN_STATE');
  if (login.usedAt) throw new LaunchRefused('REPLAYED_TOKEN');
  if (Date.now() - login.createdAt.getTime() > 10 * 60_000) throw new LaunchRefused('LOGIN_EXPIRED');
  if (claims.iss !== login.issuer) throw new LaunchRefused('ISS_MISMATCH');
  // The nonce must be the one we sent with this login, not merely one we have not seen (ltijs's only check).
  if (typeof claims.nonce !== 'string' || !safeEqual(claims.nonce, login.nonce)) throw new LaunchRefused('NONCE_MISMATCH');

  const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
  if (audiences.length === 0) throw new LaunchRefused('MISSING_AUD');
  const clientId = audiences.length === 1 ? audiences[0] : String(claims.azp ?? '');
  if (audiences.length > 1) {
    // OIDC Core §3.1.3.7: with several audiences, azp must name us, and every audience must be trusted.
    if (!claims.azp) throw new LaunchRefused('AZP_MISSING');
    if (!audiences.includes(clientId)) throw new LaunchRefused('AZP_MISMATCH');
  }
  if (login.clientId && !audiences.includes(login.clientId)) throw new LaunchRefused('AUD_MISMATCH');
  const platform = await findActivePlatform(claims.iss, clientId);
  if (!platform) throw new LaunchRefused(audiences.length > 1 ? 'AZP_MISMATCH' : 'UNKNOWN_PLATFORM', { iss: claims.iss });
  if (audiences.some((a) => a !== clientId)) throw new LaunchRefused('UNTRUSTED_AUDIENCE');

  let payload: JWTPayload;
  let jwk: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, platformKeySet(platform.jwksUrl, config.LTI_JWKS_COOLDOWN_SECONDS), {
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: clientId,
      clockTolerance: config.LTI_CLOCK_TOLERANCE,
      requiredClaims: ['exp', 'iat'],
      // Moodle signs exp = iat + 60 s; a token older than that (plus skew) is a replay candidate.
      maxTokenAge: 60 + config.LTI_CLOCK_TOLERANCE,
    });
    payload = verified.payload;
    jwk = { ...(await exportJWK(verified.key)) };
  } catch (err) {
    throw new LaunchRefused(joseReason(err));
  }
  const now = Math.floor(Date.now() / 1000);
  if ((payload.iat ?? 0) > now + config.LTI_CLOCK_TOLERANCE) throw new LaunchRefused('IAT_IN_FUTURE');

  if (payload[CLAIM.version] !== '1.3.0') throw new LaunchRefused('BAD_VERSION');
  const messageType = payload[CLAIM.messageType];
  if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest') throw new LaunchRefused('BAD_MESSAGE_TYPE');
  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId) throw new LaunchRefused('MISSING_DEPLOYMENT_ID');
  const deploymentRowId = await activeDeployment(platform.id, deploymentId);
  if (deploymentRowId === null) throw new LaunchRefused('UNKNOWN_DEPLOYMENT', { deploymentId });
  if (typeof payload.sub !== 'string' || !payload.sub) throw new LaunchRefused('MISSING_SUB');
  if (!Array.isArray(payload[CLAIM.roles])) throw new LaunchRefused('MISSING_ROLES');
  const link = payload[CLAIM.resourceLink] as { id?: unknown } | undefined;
  if (messageType === 'LtiResourceLinkRequest' && (typeof link?.id !== 'string' || !link.id)) throw new LaunchRefused('MISSING_RESOURCE_LINK');
  const target = payload[CLAIM.targetLinkUri];
  if (messageType === 'LtiResourceLinkRequest' && (typeof target !== 'string' || !isOurUrl(config, target)))
    throw new LaunchRefused('BAD_TARGET_LINK_URI');
  return { jwk, payload, login, platform, deploymentRowId };
}

function isOurUrl(config: Config, url: string): boolean {
  try {
    return new URL(url).origin === new URL(config.PUBLIC_URL).origin;
  } catch {
    return false;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function joseReason(err: unknown): string {
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'UNKNOWN_KID';
  if (err instanceof joseErrors.JWTExpired) return 'TOKEN_EXPIRED';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `MISSING_${err.claim.toUpperCase()}`;
    return err.claim === 'iat' ? 'IAT_IN_FUTURE' : `INVALID_CLAIM_${err.claim.toUpperCase()}`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'BAD_ALGORITHM';
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return 'PLATFORM_KEYS_UNAVAILABLE';
  return 'INVALID_JWT';
}

/** Express middleware for POST /lti/launch: verify, then let ltijs continue with the verified key. */
export function launchGuard(config: Config, refuse: (req: Request, res: Response, err: LaunchRefused) => void) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    try {
      const verified = await verifyLaunch(config, (req.body ?? {}) as Record<string, unknown>);
      const { login, payload, platform } = verified;
      // The state cookie did not come back: where the login stored the state with the platform, check it there.
      if (!hasStateCookie(req, config, login.state, login.issuer)) {
        const step = storageStep(config, req, login);
        if (step.kind === 'refused') return refuse(req, res, step.error);
        if (step.kind === 'ask') {
          const lang = pickLanguage((payload.locale as string) ?? (payload[CLAIM.launchPresentation] as { locale?: string } | undefined)?.locale);
          return storageLaunchPage(res, { lang, authUrl: platform.authUrl, target: storageTarget(login.params)!, login, idToken: String(req.body.id_token) });
        }
        if (step.kind === 'confirmed') vouchForState(req, config, login.state, login.issuer);
      }
      res.locals.verifiedLaunch = verified;
      launchKey.run({ jwk: verified.jwk }, () => next());
    } catch (err) {
      if (err instanceof LaunchRefused) return refuse(req, res, err);
      next(err);
    }
  };
}
