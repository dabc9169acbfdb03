import assert from 'node:assert/strict';
import { DevPlatform, SCOPES, type Flavour } from '../../src/devplatform';
import { SCOPES as toolScopes } from '../../src/lti/scopes';
import { startFakeTool, type FakeTool, serviceFetch } from './fake-tool';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function start(flavour: Flavour, grantedScopes?: string[]): Promise<{ p: DevPlatform; tool: FakeTool }> {
  const tool = await startFakeTool();
  const p = new DevPlatform({ flavour });
  await p.listen(0);
  p.registerTool(tool.registration({ grantedScopes }));
  return { p, tool };
}

async function postToken(p: DevPlatform, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await serviceFetch(`${p.url}/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: await res.json() };
}

describe('devplatform: OAuth2 token endpoint', () => {
  let p: DevPlatform;
  let tool: FakeTool;
  before(async () => ({ p, tool } = await start('moodle', [SCOPES.score, SCOPES.lineItem, SCOPES.nrps])));
  after(async () => {
    await p.close();
    await tool.close();
  });

  const form = async (overrides: Record<string, string> = {}) => ({
    grant_type: 'client_credentials',
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: await tool.clientAssertion(`${p.url}/token`),
    scope: `${SCOPES.score} ${SCOPES.resultReadonly}`,
    ...overrides,
  });

  it('grants a bearer token for the requested scopes that are enabled, after verifying the assertion with the tool JWKS', async () => {
    const { status, body } = await postToken(p, await form());
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, SCOPES.score, 'result.readonly is not enabled: left out');
    assert.deepEqual(p.accessTokens.get(body.access_token)?.scopes, [SCOPES.score]);
  });

  it('accepts the issuer as audience too', async () => {
    const { status } = await postToken(p, await form({ client_assertion: await tool.clientAssertion(p.issuer) }));
    assert.equal(status, 200);
  });

  it('Moodle: asking only for scopes that are not enabled is 400 invalid_scope', async () => {
    const { status, body } = await postToken(p, await form({ scope: SCOPES.resultReadonly }));
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_scope');
  });

  const refusals: Array<[string, () => Promise<Record<string, string>>, number, string]> = [
    ['an assertion signed by a key the tool JWKS does not hold', async () => form({ client_assertion: await tool.sign({ iss: 'tool-client-1', sub: 'tool-client-1', aud: `${p.url}/token`, jti: 'j1', exp: Math.floor(Date.now() / 1000) + 60 }, 'stranger') }), 401, 'invalid_client'],
    ['an assertion for another audience', async () => form({ client_assertion: await tool.clientAssertion('https://elsewhere.example/token') }), 401, 'invalid_client'],
    ['an expired assertion', async () => form({ client_assertion: await tool.clientAssertion(`${p.url}/token`, { exp: Math.floor(Date.now() / 1000) - 120 }) }), 401, 'invalid_client'],
    ['an assertion without jti', async () => form({ client_assertion: await tool.clientAssertion(`${p.url}/token`, { jti: undefined }) }), 401, 'invalid_client'],
    ['an assertion whose iss is another client', async () => form({ client_assertion: await tool.clientAssertion(`${p.url}/token`, { iss: 'other', sub: 'other' }) }), 401, 'invalid_client'],
    ['a wrong grant_type', async () => form({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
    ['a wrong client_assertion_type', async () => form({ client_assertion_type: 'basic' }), 400, 'invalid_request'],
  ];
  for (const [what, build, status, error] of refusals) {
    it(`refuses ${what} (${status} ${error}) and issues no token`, async () => {
      const count = p.accessTokens.size;
      const res = await postToken(p, await build());
      assert.equal(res.status, status);
      assert.equal(res.body.error, error);
      assert.equal(p.accessTokens.size, count);
    });
  }

  it('refuses a replayed assertion (same jti)', async () => {
    const f = await form();
    assert.equal((await postToken(p, f)).status, 200);
    const replay = await postToken(p, f);
    assert.equal(replay.status, 401);
    assert.match(replay.body.error_description, /jti/);
  });

  it('honours faults.token, then recovers', async () => {
    p.faults.token.push({ status: 503, times: 2 });
    assert.equal((await postToken(p, await form())).status, 503);
    assert.equal((await postToken(p, await form())).status, 503);
    assert.equal((await postToken(p, await form())).status, 200);
    assert.equal(p.faults.token.length, 0);
  });
});

describe('devplatform: OAuth2 token endpoint (canvas)', () => {
  it('grants the enabled subset, even when empty', async () => {
    const { p, tool } = await start('canvas', [SCOPES.score]);
    try {
      const res = await postToken(p, {
        grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE,
        client_assertion: await tool.clientAssertion(`${p.url}/token`), scope: SCOPES.nrps,
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.scope, '');
    } finally {
      await p.close();
      await tool.close();
    }
  });
});

describe('devplatform: its own copy of the LTI Advantage scopes', () => {
  it('spells every scope the tool asks for exactly as the platform grants it (two lists, so a typo fails here)', () => {
    assert.deepEqual(Object.values(toolScopes).sort(), Object.values(SCOPES).sort());
    for (const scope of Object.values(SCOPES)) assert.match(scope, /^https:\/\/purl\.imsglobal\.org\/spec\/lti-(ags|nrps)\/scope\/[a-z.]+$/);
  });
});
