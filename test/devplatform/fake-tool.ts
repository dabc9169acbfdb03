/**
 * A tiny LTI tool for testing the development platform on its own: it serves a JWKS,
 * does the OIDC login (state cookie, nonce), verifies launches against the platform's
 * JWKS, and signs client assertions and deep-linking responses with its own key.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { DevPlatform, type DevPlatformOptions, type ToolRegistration } from '../../src/devplatform';

export interface FakeTool {
  url: string;
  kid: string;
  launches: JWTPayload[];
  loginRequests: Array<Record<string, string>>;
  registration(extra?: Partial<ToolRegistration>): ToolRegistration;
  attach(p: DevPlatform): void;
  sign(payload: JWTPayload, key?: 'tool' | 'stranger'): Promise<string>;
  clientAssertion(aud: string, overrides?: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/** A development platform and a fake tool registered with each other, both on ephemeral ports; `close` stops both. */
export async function platformWithTool(opts: DevPlatformOptions = {}): Promise<{ p: DevPlatform; tool: FakeTool; close: () => Promise<void> }> {
  const tool = await startFakeTool();
  const p = new DevPlatform(opts);
  await p.listen(0);
  tool.attach(p);
  return {
    p,
    tool,
    close: async () => {
      await p.close();
      await tool.close();
    },
  };
}

/** Starts the fake tool on an ephemeral port. */
export async function startFakeTool(clientId = 'tool-client-1', deploymentId = '1'): Promise<FakeTool> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let stranger: KeyObject | undefined; // made on first use: RSA generation is slow
  const kid = 'tool-key-1';
  const nonces = new Map<string, string>();
  let platform: DevPlatform | undefined;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.get('/jwks', (_req, res) => void res.json({ keys: [{ ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' }] }));
  const tool: FakeTool = {
    url: '', kid, launches: [], loginRequests: [],
    registration: (extra = {}) => ({ clientId, deploymentId, loginUrl: `${tool.url}/login`, launchUrl: `${tool.url}/launch`, jwksUrl: `${tool.url}/jwks`, ...extra }),
    attach: (p) => { platform = p; p.registerTool(tool.registration()); },
    sign: (payload, key = 'tool') => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key === 'tool' ? privateKey : (stranger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)),
    clientAssertion: (aud, overrides = {}) => tool.sign({
      iss: clientId, sub: clientId, aud, jti: randomBytes(8).toString('hex'),
      iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, ...overrides,
    }),
    close: async () => { await new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }); },
  };
  app.all('/login', (req, res) => {
    const a = { ...(req.query as Record<string, string>), ...(req.body as Record<string, string>) };
    tool.loginRequests.push(a);
    if (!platform || a.iss !== platform.issuer || !a.login_hint || !a.target_link_uri) return void res.status(400).send('bad login');
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    nonces.set(state, nonce);
    res.cookie(`state${state}`, a.iss, { maxAge: 60_000, httpOnly: true, secure: true, sameSite: 'none', partitioned: true });
    const qs = new URLSearchParams({
      scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: a.client_id,
      redirect_uri: a.target_link_uri, login_hint: a.login_hint, lti_message_hint: a.lti_message_hint, state, nonce,
    });
    res.redirect(`${platform.registration.authUrl}?${qs}`);
  });
  app.post('/launch', async (req, res) => {
    const { id_token: idToken, state } = req.body as Record<string, string>;
    if (!platform || !String(req.headers.cookie ?? '').includes(`state${state}=`)) return void res.status(401).send('MISSING_VALIDATION_COOKIE');
    try {
      const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(platform.registration.jwksUrl)), { issuer: platform.issuer, audience: clientId });
      if (payload.nonce !== nonces.get(state)) return void res.status(401).send('NONCE_MISMATCH');
      nonces.delete(state);
      tool.launches.push(payload);
      res.redirect(303, `/app?user=${encodeURIComponent(String(payload.sub))}`);
    } catch (e) {
      res.status(401).send(`INVALID_TOKEN ${(e as Error).message}`);
    }
  });
  app.get('/app', (req, res) => void res.send(`<h1>Bonjour ${String(req.query.user)}</h1>`));
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  tool.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return tool;
}

/** Gets an access token from the platform with the tool's client assertion. */
export async function getToken(p: DevPlatform, tool: FakeTool, scope: string): Promise<string> {
  const res = await serviceFetch(`${p.url}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await tool.clientAssertion(`${p.url}/token`),
      scope,
    }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * fetch as a tool's server calls an LMS service: with a User-Agent, which Canvas requires
 * (the development platform's Canvas flavour refuses a request without one, src/devplatform/dispatch.ts).
 */
export function serviceFetch(url: string | URL, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { 'user-agent': 'CoPeR-test-tool/1.0', ...init.headers } });
}
