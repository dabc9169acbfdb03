/**
 * The OAuth2 token endpoint for LTI Advantage services: client_credentials with a signed
 * JWT client assertion (IMS Security Framework §4.1, RFC 7523), verified against the
 * tool's JWKS.
 */
import { Router, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { DevPlatform } from './index';
import { params, sendFault, takeFault } from './http';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const LIFETIME_S = 3600;

/** Routes POST /token. */
export function tokenRoutes(p: DevPlatform): Router {
  const r = Router();
  r.post('/token', (req, res) => issueToken(p, req, res));
  return r;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

/** Verifies the client assertion; a reason when it must be refused. */
async function checkAssertion(p: DevPlatform, assertion: string): Promise<string | undefined> {
  const tool = p.requireTool();
  try {
    const { payload } = await jwtVerify(assertion, p.toolKeySet(), {
      issuer: tool.clientId,
      subject: tool.clientId,
      // The spec names the token URL; some tools send the issuer. Accept both.
      audience: [`${p.url}/token`, p.issuer],
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'jti'],
    });
    if (p.usedJtis.has(String(payload.jti))) return 'jti already used';
    p.usedJtis.add(String(payload.jti));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function issueToken(p: DevPlatform, req: Request, res: Response): Promise<void> {
  const fault = takeFault(p.faults.token);
  if (fault) return sendFault(res, { ...fault, body: fault.body ?? { error: 'server_error' } });
  if (!p.tool) return oauthError(res, 401, 'invalid_client', 'no tool registered');
  const a = params(req);
  if (a.grant_type !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  if (a.client_assertion_type !== ASSERTION_TYPE || !a.client_assertion) return oauthError(res, 400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}, with a client_assertion`);
  const reason = await checkAssertion(p, a.client_assertion);
  if (reason) return oauthError(res, 401, 'invalid_client', `client assertion refused: ${reason}`);
  const requested = (a.scope ?? '').split(/\s+/).filter(Boolean);
  const scopes = requested.filter((s) => p.grantedScopes.includes(s));
  // Moodle grants the enabled subset, and 400 invalid_scope when nothing asked is enabled
  // (LTIJS-NOTES.md). Canvas grants the subset too.
  if (p.flavour === 'moodle' && scopes.length === 0) return oauthError(res, 400, 'invalid_scope', 'none of the requested scopes is enabled for this tool');
  const accessToken = randomBytes(24).toString('base64url');
  p.accessTokens.set(accessToken, { scopes, expiresAt: Date.now() + LIFETIME_S * 1000 });
  res.set('Cache-Control', 'no-store').json({ access_token: accessToken, token_type: 'Bearer', expires_in: LIFETIME_S, scope: scopes.join(' ') });
}
