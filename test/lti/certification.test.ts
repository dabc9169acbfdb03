import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { harness, newCourse, BrowserAgent, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchFootprint } from '../helpers/counts';
import type { DevPlatform } from '../../src/devplatform';
import { setLogLevel } from '../../src/log';

const C = {
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  deployment: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  link: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  target: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
};

type Forge = (ctx: { nonce: string; platform: DevPlatform; course: string }) => Promise<string>;

/**
 * The LTI 1.3 certification suite's invalid launches and the Security Framework's attacks: each
 * is refused with a clear page carrying its reason code, and writes nothing (no user, membership,
 * community, cohort, session or activity).
 */
describe('refused launches (LTI certification and Security Framework cases)', () => {
  let h: Harness;
  let course: string;
  before(async () => {
    h = await harness();
    course = newCourse(h.moodle);
    await setUpCommunity(h, h.moodle, course);
  });

  const token = (overrides: Record<string, unknown>, header?: Record<string, unknown>): Forge =>
    ({ nonce, platform, course }) => platform.buildIdToken({ courseId: course, userId: 'learner2', nonce, overrides: { sub: `intruder-${Date.now()}`, ...overrides }, header });

  async function refused(forge: Forge, code: string | RegExp, opts: { status?: number } = {}) {
    const before = await launchFootprint();
    const res = await h.launch({
      userId: 'learner2',
      courseId: course,
      tamper: async ({ authParams, platform }) => ({ id_token: await forge({ nonce: authParams.get('nonce')!, platform, course }) }),
    });
    assert.equal(res.status, opts.status ?? 401, res.text.slice(0, 400));
    const shown = /data-reason="([A-Z_]+)"/.exec(res.text)?.[1];
    assert.ok(shown, 'the page shows a reason code');
    if (typeof code === 'string') assert.equal(shown, code);
    else assert.match(shown!, code);
    assert.deepEqual(await launchFootprint(), before, 'nothing was written');
    return res;
  }

  const now = () => Math.floor(Date.now() / 1000);

  describe('invalid tokens', () => {
    it('no kid in the header', () => refused(token({}, { kid: undefined }), 'MISSING_KID'));
    it('a kid the platform JWKS does not have', () => refused(token({}, { kid: 'not-a-key' }), 'UNKNOWN_KID'));
    it('wrong LTI version', () => refused(token({ [C.version]: '1.2.0' }), 'BAD_VERSION'));
    it('missing LTI version', () => refused(token({ [C.version]: undefined }), 'BAD_VERSION'));
    it('a valid JWT that is not an LTI message', async () => {
      await refused(async ({ nonce, platform }) => {
        const real = decodeJwt(await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce }));
        const { iss, aud, sub, exp, iat } = real;
        return platform.signRaw({ iss, aud, sub, exp, iat, nonce, kid: undefined }, { alg: 'RS256', kid: platform.keys.kid });
      }, 'BAD_VERSION');
    });
    it('missing message_type', () => refused(token({ [C.messageType]: undefined }), 'BAD_MESSAGE_TYPE'));
    it('unknown message_type', () => refused(token({ [C.messageType]: 'LtiSubmissionReviewRequest' }), 'BAD_MESSAGE_TYPE'));
    it('missing roles', () => refused(token({ [C.roles]: undefined }), 'MISSING_ROLES'));
    it('missing deployment_id', () => refused(token({ [C.deployment]: undefined }), 'MISSING_DEPLOYMENT_ID'));
    it('missing resource_link id', () => refused(token({ [C.link]: { title: 'no id' } }), 'MISSING_RESOURCE_LINK'));
    it('missing sub', () => refused(token({ sub: undefined }), 'MISSING_SUB'));
    it('expired (exp in the past)', () => refused(token({ iat: now() - 300, exp: now() - 200 }), 'TOKEN_EXPIRED'));
    it('iat far in the future', () => refused(token({ iat: now() + 3600, exp: now() + 3660 }), 'IAT_IN_FUTURE'));
    it('iat missing', () => refused(token({ iat: undefined }), 'MISSING_IAT'));
    it('issued too long ago although not expired', () => refused(token({ iat: now() - 3600, exp: now() + 60 }), 'TOKEN_EXPIRED'));
    it('target_link_uri pointing elsewhere', () => refused(token({ [C.target]: 'https://evil.example/launch' }), 'BAD_TARGET_LINK_URI'));
  });

  describe('Security Framework attacks', () => {
    it('alg "none"', () =>
      refused(async ({ nonce, platform }) => platform.signRaw(decodeJwt(await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce })), { alg: 'none' }), 'BAD_ALGORITHM'));
    it('HS256 signed with the platform public key', () =>
      refused(
        async ({ nonce, platform }) =>
          platform.signRaw(decodeJwt(await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce })), { alg: 'HS256', key: 'public-as-hmac', kid: platform.keys.kid }),
        'BAD_ALGORITHM',
      ));
    it('signed by another key under the platform kid', () =>
      refused(
        async ({ nonce, platform }) =>
          platform.signRaw(decodeJwt(await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce })), { alg: 'RS256', key: 'other-rsa', kid: platform.keys.kid }),
        'BAD_SIGNATURE',
      ));
    it('nonce other than the one sent at login', () => refused(token({ nonce: 'a-nonce-we-never-sent' }), 'NONCE_MISMATCH'));
    it('wrong aud', () => refused(token({ aud: 'some-other-tool' }), 'AUD_MISMATCH'));
    it('azp naming another client', () =>
      refused(async (c) => token({ aud: [h.moodle.registration.clientId, 'other'], azp: 'other' })(c), 'AZP_MISMATCH'));
    it('an extra, untrusted audience', () =>
      refused(async (c) => token({ aud: [h.moodle.registration.clientId, 'other'], azp: h.moodle.registration.clientId })(c), 'UNTRUSTED_AUDIENCE'));
    it('an issuer other than the login’s', () => refused(token({ iss: 'https://attacker.example' }), 'ISS_MISMATCH'));
    it('a deployment the tool does not know', () => refused(token({ [C.deployment]: 'deployment-nobody-registered' }), 'UNKNOWN_DEPLOYMENT'));

    it('a replayed id_token (same token and state posted twice)', async () => {
      let captured: { id_token: string; state: string } | undefined;
      const first = await h.launch({
        userId: 'learner2',
        courseId: course,
        tamper: async ({ authParams, platform }) => {
          const id_token = await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce: authParams.get('nonce')! });
          captured = { id_token, state: authParams.get('state')! };
          return { id_token };
        },
      });
      assert.equal(first.status, 200);
      const before = await launchFootprint();
      const replay = await first.agent.fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: captured! });
      assert.equal(replay.status, 401);
      assert.match(replay.text, /data-reason="REPLAYED_TOKEN"/);
      assert.deepEqual(await launchFootprint(), before);
    });

    it('a state from another browser (its state cookie is missing): refused, offered a new tab, nothing written', async () => {
      let stolen: { id_token: string; state: string } | undefined;
      await h.launch({
        userId: 'learner2',
        courseId: course,
        tamper: async ({ authParams, platform }) => {
          stolen = { id_token: await platform.buildIdToken({ courseId: course, userId: 'learner2', nonce: authParams.get('nonce')! }), state: authParams.get('state')! };
          return { state: 'x' }; // the victim's own launch goes nowhere
        },
      });
      const before = await launchFootprint();
      const attacker = new BrowserAgent();
      const res = await attacker.fetch(`${h.toolUrl}/lti/launch`, { method: 'POST', form: stolen! });
      assert.equal(res.status, 401);
      assert.match(res.text, /data-reason="COOKIES_BLOCKED"/);
      assert.deepEqual(await launchFootprint(), before);
    });

    it('a forged state that no login issued', async () => {
      const before = await launchFootprint();
      const res = await h.launch({ userId: 'learner2', courseId: course, tamper: async () => ({ state: 'forged-state' }) });
      assert.equal(res.status, 401);
      assert.match(res.text, /data-reason="UNKNOWN_STATE"/);
      assert.deepEqual(await launchFootprint(), before);
    });
  });

  describe('login initiation', () => {
    it('refuses an incomplete login initiation with a page, not JSON', async () => {
      const res = await fetch(`${h.toolUrl}/lti/login`, { method: 'POST', body: new URLSearchParams({ iss: h.moodle.issuer }) });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /data-reason="MISSING_LOGIN_PARAMETERS"/);
    });
    it('refuses a login from an unregistered platform', async () => {
      const q = new URLSearchParams({ iss: 'https://unknown-lms.example', login_hint: '1', target_link_uri: `${h.toolUrl}/lti/launch` });
      const res = await fetch(`${h.toolUrl}/lti/login?${q}`);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /data-reason="UNKNOWN_PLATFORM"/);
    });
    it('explains a launch address opened without a launch', async () => {
      const res = await fetch(`${h.toolUrl}/lti/launch`);
      assert.equal(res.status, 401);
      assert.match(await res.text(), /data-reason="MISSING_ID_TOKEN"/);
    });
  });

  describe('the refusal page', () => {
    it('is logged as exactly one line, without the token', async () => {
      const lines: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      setLogLevel('warn');
      (process.stderr as unknown as { write: (s: string) => boolean }).write = (s: string) => (lines.push(String(s)), true);
      let forged = '';
      try {
        await refused(async (c) => (forged = await token({ [C.version]: '0.9' })(c)), 'BAD_VERSION');
      } finally {
        (process.stderr as unknown as { write: typeof write }).write = write;
        setLogLevel((process.env.LOG_LEVEL as 'error') ?? 'error');
      }
      const refusals = lines.filter((l) => l.includes('launch_refused'));
      assert.equal(refusals.length, 1);
      assert.match(refusals[0], /"reason":"BAD_VERSION"/);
      assert.ok(!refusals[0].includes(forged.slice(0, 40)), 'the id_token is not logged');
    });


    it('speaks the launch language and gives a reason', async () => {
      const res = await refused(token({ [C.version]: '9', locale: 'fr-CA' }), 'BAD_VERSION');
      assert.match(res.text, /<html lang="fr">/);
      assert.match(res.text, /Lancement refusé/);
      const en = await refused(token({ [C.version]: '9', locale: 'en-US' }), 'BAD_VERSION');
      assert.match(en.text, /Launch refused/);
    });
  });
});
