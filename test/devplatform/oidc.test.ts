import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { DevPlatform, launch, BrowserAgent } from '../../src/devplatform';
import { parsePostForm } from '../../src/devplatform/agent';
import { platformWithTool, type FakeTool } from './fake-tool';

describe('devplatform: keys, launch page and OIDC auth endpoint', () => {
  let p: DevPlatform;
  let tool: FakeTool;
  let close: () => Promise<void>;

  before(async () => {
    ({ p, tool, close } = await platformWithTool());
  });
  after(() => close());

  /** The query ltijs sends to the auth endpoint, valid unless changed. */
  function authQuery(changes: Record<string, string | undefined> = {}): URLSearchParams {
    const base: Record<string, string | undefined> = {
      scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none',
      client_id: 'tool-client-1', redirect_uri: `${tool.url}/launch`, login_hint: 'learner1',
      lti_message_hint: JSON.stringify({ cmid: 'rl-course-1', launchid: 'x', course: 'course-1', type: 'LtiResourceLinkRequest' }),
      state: 'st', nonce: 'n-1', ...changes,
    };
    return new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
  }

  it('serves its RSA public key as a JWKS and counts the fetches', async () => {
    const before = p.jwksFetches;
    const res = await fetch(`${p.url}/jwks`);
    const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
    assert.equal(res.status, 200);
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].alg, 'RS256');
    assert.ok(keys[0].kid);
    assert.equal(keys[0].d, undefined, 'no private part');
    const fromJwk = createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    assert.equal(fromJwk, p.publicKeyPem);
    assert.equal(p.jwksFetches, before + 1);
  });

  it('the launch page auto-posts a Moodle-style login initiation to the tool', async () => {
    const page = await new BrowserAgent().fetch(`${p.url}/launch?user=learner2&course=course-1`);
    assert.equal(page.status, 200);
    assert.match(page.text, /document\.forms\[0\]\.submit\(\)/);
    const form = parsePostForm(page);
    assert.ok(form);
    assert.equal(form.action, `${tool.url}/login`);
    assert.equal(form.fields.iss, p.issuer);
    assert.equal(form.fields.login_hint, 'learner2');
    assert.equal(form.fields.client_id, 'tool-client-1');
    assert.equal(form.fields.lti_deployment_id, '1');
    assert.equal(form.fields.target_link_uri, `${tool.url}/launch`);
    const hint = JSON.parse(form.fields.lti_message_hint);
    assert.equal(hint.course, 'course-1');
    assert.equal(hint.type, 'LtiResourceLinkRequest');
    assert.ok(hint.launchid);
  });

  it('the launch page refuses an unknown user', async () => {
    const res = await fetch(`${p.url}/launch?user=nobody&course=course-1`);
    assert.equal(res.status, 404);
  });

  it('a valid auth request is answered with a form_post of id_token and state to redirect_uri', async () => {
    const page = await new BrowserAgent().fetch(`${p.url}/auth?${authQuery()}`);
    assert.equal(page.status, 200);
    const form = parsePostForm(page);
    assert.ok(form);
    assert.equal(form.action, `${tool.url}/launch`);
    assert.equal(form.fields.state, 'st');
    assert.equal(form.fields.id_token.split('.').length, 3);
  });

  const refusals: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['a redirect_uri that is not registered', { redirect_uri: 'https://evil.example/launch' }, /redirect_uri/],
    ['a missing nonce', { nonce: undefined }, /nonce/],
    ['a missing state', { state: undefined }, /state/],
    ['an unknown client_id', { client_id: 'other' }, /client_id/],
    ['a login_hint that is not in the course', { login_hint: 'ghost' }, /login_hint/],
    ['response_mode other than form_post', { response_mode: 'query' }, /response_mode/],
    ['a prompt other than none', { prompt: 'login' }, /prompt/],
    ['a scope without openid', { scope: 'profile' }, /openid/],
    ['a missing lti_message_hint', { lti_message_hint: undefined }, /lti_message_hint/],
  ];
  for (const [what, change, reason] of refusals) {
    it(`the auth endpoint refuses ${what} with a 400 and no token`, async () => {
      const res = await fetch(`${p.url}/auth?${authQuery(change)}`);
      const text = await res.text();
      assert.equal(res.status, 400);
      assert.match(text, reason);
      assert.doesNotMatch(text, /id_token/);
    });
  }

  it('refuses the auth request as a cross-site POST, as Moodle 4.5 with its SameSite=Lax session does', async () => {
    assert.equal(p.flavour, 'moodle');
    const res = await fetch(`${p.url}/auth`, { method: 'POST', body: authQuery() });
    assert.equal(res.status, 401);
    assert.doesNotMatch(await res.text(), /name="id_token"/);
  });

  it('launch() walks the whole flow: state cookie kept, nonce echoed, tool redirects followed', async () => {
    const res = await launch(p, { userId: 'learner3', courseId: 'course-1' });
    assert.equal(res.status, 200);
    assert.equal(res.url, `${tool.url}/app?user=learner3`);
    assert.match(res.text, /Bonjour learner3/);
    const last = tool.launches.at(-1);
    assert.equal(last?.sub, 'learner3');
    assert.deepEqual(JSON.parse(tool.loginRequests.at(-1)?.lti_message_hint ?? '{}').course, 'course-1');
    assert.ok(p.requests.some((r) => r.method === 'GET' && r.path === '/auth'));
  });

  it('launch() with tamper posts the forged token instead of asking the auth endpoint', async () => {
    const authCalls = p.requests.filter((r) => r.path === '/auth').length;
    const res = await launch(p, {
      userId: 'learner1',
      tamper: async ({ authParams, platform }) => ({
        id_token: await platform.buildIdToken({ userId: 'learner1', nonce: authParams.get('nonce') ?? '', header: { kid: 'nope' } }),
      }),
    });
    assert.equal(res.status, 401);
    assert.match(res.text, /INVALID_TOKEN/);
    assert.equal(p.requests.filter((r) => r.path === '/auth').length, authCalls, 'auth endpoint not asked');
  });

  it('launch() with a tampered state is refused by the tool (no cookie for it)', async () => {
    const res = await launch(p, { userId: 'learner1', tamper: async () => ({ state: 'forged' }) });
    assert.equal(res.status, 401);
    assert.match(res.text, /MISSING_VALIDATION_COOKIE/);
  });
});
