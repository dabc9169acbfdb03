import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { harness, type Harness } from '../helpers/harness';
import { Platform, Deployment } from '../../src/kernel/platform';
import { issuerMatches } from '../../src/lti/registration';

/** A stand-in LMS for LTI Dynamic Registration 1.0: its OpenID configuration and registration endpoint. */
async function registrationPlatform(family: 'moodle' | 'canvas', opts: { issuer?: string } = {}) {
  const app = express();
  app.use(express.json());
  const received: Array<{ body: Record<string, unknown>; auth?: string }> = [];
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.get('/openid-configuration', (req, res) => {
    if (req.get('authorization') !== 'Bearer reg-token') return void res.status(401).end();
    res.json({
      issuer: opts.issuer ?? base,
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
      registration_endpoint: `${base}/register`,
      'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: family, version: '4.5', messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }] },
    });
  });
  app.post('/register', (req, res) => {
    received.push({ body: req.body, auth: req.get('authorization') });
    res.json({ ...req.body, client_id: `${family}-client-${received.length}`, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...req.body['https://purl.imsglobal.org/spec/lti-tool-configuration'], deployment_id: family === 'moodle' ? '7' : '12:abc' } });
  });
  return { base, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('LTI Dynamic Registration at /lti/register', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('registers with a Moodle-style platform: tool configuration posted, platform and its deployment recorded', async () => {
    const lms = await registrationPlatform('moodle');
    const res = await fetch(`${h.toolUrl}/lti/register?openid_configuration=${encodeURIComponent(`${lms.base}/openid-configuration`)}&registration_token=reg-token`, { headers: { 'accept-language': 'fr-CA' } });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /CoPeR est enregistré/);
    assert.match(text, /registration-close\.js/, 'the page tells the platform to close (org.imsglobal.lti.close)');
    const sent = lms.received[0];
    assert.equal(sent.auth, 'Bearer reg-token');
    assert.equal(sent.body.initiate_login_uri, `${h.toolUrl}/lti/login`);
    assert.deepEqual(sent.body.redirect_uris, [`${h.toolUrl}/lti/launch`]);
    assert.equal(sent.body.jwks_uri, `${h.toolUrl}/lti/keys`);
    assert.match(String(sent.body.scope), /lti-nrps\/scope\/contextmembership\.readonly/);
    const toolConf = sent.body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as { messages: Array<{ type: string; placements?: string[] }> };
    assert.deepEqual(toolConf.messages.find((m) => m.type === 'LtiDeepLinkingRequest')!.placements, ['ContentArea']);
    const platform = await Platform.findOne({ where: { issuer: lms.base, clientId: 'moodle-client-1' } });
    assert.ok(platform);
    assert.equal(platform!.kind, 'moodle');
    const deployments = await Deployment.findAll({ where: { platformId: platform!.id } });
    assert.deepEqual(deployments.map((d) => [d.deploymentId, d.status]), [['7', 'active']], 'the deployment id ltijs would drop is kept');
    await lms.close();
  });

  it('asks Canvas for its placements', async () => {
    const lms = await registrationPlatform('canvas');
    const res = await fetch(`${h.toolUrl}/lti/register?openid_configuration=${encodeURIComponent(`${lms.base}/openid-configuration`)}&registration_token=reg-token`);
    assert.equal(res.status, 200);
    const toolConf = lms.received[0].body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as { messages: Array<{ type: string; placements?: string[] }> };
    assert.deepEqual(toolConf.messages.find((m) => m.type === 'LtiResourceLinkRequest')!.placements, ['course_navigation']);
    assert.ok(await Platform.findOne({ where: { issuer: lms.base, kind: 'canvas' } }));
    await lms.close();
  });

  it('refuses a configuration whose issuer does not match its URL, and registers nothing', async () => {
    const lms = await registrationPlatform('moodle', { issuer: 'https://impostor.example' });
    const before = await Platform.count();
    const res = await fetch(`${h.toolUrl}/lti/register?openid_configuration=${encodeURIComponent(`${lms.base}/openid-configuration`)}&registration_token=reg-token`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /issuer does not match/);
    assert.equal(lms.received.length, 0, 'no registration request sent');
    assert.equal(await Platform.count(), before);
    await lms.close();
  });

  it('explains a missing configuration URL', async () => {
    const res = await fetch(`${h.toolUrl}/lti/register`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /openid_configuration/);
  });

  it("accepts hosted Canvas's issuer on a school's own host, nothing else", () => {
    assert.ok(issuerMatches('https://canvas.instructure.com', 'https://school.instructure.com/api/lti/security/openid-configuration', 'canvas'));
    assert.ok(!issuerMatches('https://canvas.instructure.com', 'https://school.instructure.com/x', 'moodle'));
    assert.ok(!issuerMatches('https://canvas.instructure.com', 'https://evil.example/x', 'canvas'));
    assert.ok(issuerMatches('https://moodle.school.ca', 'https://moodle.school.ca/mod/lti/openid-configuration.php', 'moodle'));
  });

  it('serves a Canvas developer-key JSON', async () => {
    const res = await fetch(`${h.toolUrl}/lti/canvas.json`);
    const json = (await res.json()) as Record<string, unknown> & { extensions: Array<{ settings: { placements: Array<{ placement: string }> } }> };
    assert.equal(json.oidc_initiation_url, `${h.toolUrl}/lti/login`);
    assert.equal(json.target_link_uri, `${h.toolUrl}/lti/launch`);
    assert.equal(json.public_jwk_url, `${h.toolUrl}/lti/keys`);
    assert.deepEqual(json.extensions[0].settings.placements.map((p) => p.placement), ['course_navigation', 'link_selection', 'assignment_selection']);
  });

  it('serves the tool JWKS at /lti/keys', async () => {
    const res = await fetch(`${h.toolUrl}/lti/keys`);
    const jwks = (await res.json()) as { keys: Array<{ kty: string; kid: string }> };
    assert.ok(jwks.keys.length >= 2, 'one key per registered platform');
    assert.ok(jwks.keys.every((k) => k.kty === 'RSA' && k.kid));
  });
});
