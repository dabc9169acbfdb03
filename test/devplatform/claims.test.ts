import assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { DevPlatform, launch, ROLES, sampleCourse, type Flavour } from '../../src/devplatform';
import { platformWithTool, type FakeTool } from './fake-tool';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

async function verified(p: DevPlatform, token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${p.url}/jwks`)), { issuer: p.issuer, audience: p.registration.clientId });
  return payload;
}

for (const flavour of ['moodle', 'canvas'] as Flavour[]) {
  describe(`devplatform: id_token claims (${flavour})`, () => {
    let p: DevPlatform;
    let tool: FakeTool;
    let close: () => Promise<void>;

    before(async () => {
      ({ p, tool, close } = await platformWithTool({ flavour }));
    });
    after(() => close());

    it('a launch carries a token that verifies against the JWKS with the LTI 1.3 core claims', async () => {
      const res = await launch(p, { userId: 'learner2', courseId: 'course-1' });
      assert.equal(res.status, 200);
      const c = tool.launches.at(-1) as Record<string, any>;
      assert.equal(c.iss, p.issuer);
      assert.equal(c.aud, 'tool-client-1');
      assert.equal(c.azp, 'tool-client-1');
      assert.equal(c.sub, 'learner2');
      assert.equal(c.exp - c.iat, 60, 'Moodle-style exp = iat + 60');
      assert.equal(c.given_name, 'Sophie');
      assert.equal(c.family_name, 'Roy');
      assert.equal(c.email, 'sophie.roy@example.org');
      assert.equal(c.locale, 'fr-CA');
      assert.equal('picture' in c, false, 'absent attributes are omitted');
      assert.equal(c[`${LTI}/message_type`], 'LtiResourceLinkRequest');
      assert.equal(c[`${LTI}/version`], '1.3.0');
      assert.equal(c[`${LTI}/deployment_id`], '1');
      assert.equal(c[`${LTI}/target_link_uri`], `${tool.url}/launch`);
      assert.deepEqual(c[`${LTI}/resource_link`], { id: 'rl-course-1', title: 'Communauté de pratique CoPeR' });
      assert.equal(c[`${LTI}/context`].id, 'course-1');
      assert.deepEqual(c[`${LTI}/context`].type, ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering']);
      assert.equal(c[`${LTI}/tool_platform`].product_family_code, flavour);
      assert.equal(c[`${LTI}/launch_presentation`].document_target, 'iframe');
      assert.equal(c[`${LTI}/launch_presentation`].locale, 'fr-CA');
      assert.equal(c[`${LTI}/lis`].person_sourcedid, 'sis-learner2');
      assert.deepEqual(c[`${LTI}/custom`], {});
    });

    it('roles are full URIs in the launch; Canvas adds institution roles', async () => {
      const c = (await verified(p, await p.buildIdToken({ userId: 'ta', nonce: 'n' }))) as Record<string, any>;
      const roles: string[] = c[`${LTI}/roles`];
      assert.ok(roles.includes(ROLES.teachingAssistant));
      assert.equal(roles.includes(ROLES.institutionInstructor), flavour === 'canvas');
      if (flavour === 'canvas') assert.equal(c['https://www.instructure.com/placement'], 'course_navigation');
      else assert.equal(c['https://www.instructure.com/placement'], undefined);
    });

    it('service claims point at NRPS and AGS, in the flavour URL shape', async () => {
      const c = (await verified(p, await p.buildIdToken({ userId: 'learner1', nonce: 'n' }))) as Record<string, any>;
      assert.deepEqual(c[NRPS], { context_memberships_url: `${p.url}/nrps/course-1/memberships`, service_versions: ['2.0'] });
      const suffix = flavour === 'moodle' ? '?type_id=1' : '';
      assert.equal(c[AGS].lineitems, `${p.url}/ags/course-1/lineitems${suffix}`);
      assert.equal(c[AGS].scope.length, 4);
      assert.equal(c[AGS].lineitem, undefined, 'no line item yet for this link');
      p.createLineItem('course-1', { label: 'Participation', scoreMaximum: 100, resourceLinkId: 'rl-course-1' });
      const c2 = (await verified(p, await p.buildIdToken({ userId: 'learner1', nonce: 'n' }))) as Record<string, any>;
      assert.match(c2[AGS].lineitem, flavour === 'moodle' ? /\/lineitems\/\d+\/lineitem\?type_id=1$/ : /\/lineitems\/\d+$/);
    });

    it('a tool granted no NRPS scope gets no NRPS claim', async () => {
      p.registerTool(tool.registration({ grantedScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'] }));
      try {
        const c = (await verified(p, await p.buildIdToken({ userId: 'learner1', nonce: 'n' }))) as Record<string, any>;
        assert.equal(c[NRPS], undefined);
        assert.deepEqual(c[AGS].scope, ['https://purl.imsglobal.org/spec/lti-ags/scope/score']);
      } finally {
        tool.attach(p);
      }
    });

    it('a deep-linking request carries deep_linking_settings and no resource_link', async () => {
      const c = (await verified(p, await p.buildIdToken({ userId: 'instructor', nonce: 'n', messageType: 'LtiDeepLinkingRequest' }))) as Record<string, any>;
      const s = c['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'];
      assert.equal(c[`${LTI}/message_type`], 'LtiDeepLinkingRequest');
      assert.equal(c[`${LTI}/resource_link`], undefined);
      assert.equal(s.deep_link_return_url, `${p.url}/deeplink/return`);
      assert.deepEqual(s.accept_types, ['ltiResourceLink']);
      assert.equal(s.accept_multiple, false);
      assert.match(s.data, /^[0-9a-f]{32}$/);
    });
  });
}

describe('devplatform: forging tokens for tests', () => {
  let p: DevPlatform;
  let tool: FakeTool;
  let close: () => Promise<void>;
  before(async () => {
    ({ p, tool, close } = await platformWithTool({ courses: [sampleCourse()] }));
  });
  after(() => close());

  it('buildIdToken applies overrides (undefined deletes) and header changes', async () => {
    const token = await p.buildIdToken({ userId: 'learner1', nonce: 'n', overrides: { sub: 'someone-else', email: undefined }, header: { kid: undefined } });
    assert.equal(decodeProtectedHeader(token).kid, undefined);
    const [, body] = token.split('.');
    const c = JSON.parse(Buffer.from(body, 'base64url').toString());
    assert.equal(c.sub, 'someone-else');
    assert.equal('email' in c, false);
  });

  it('a launch without context has no context nor service claims', async () => {
    const c = (await verified(p, await p.buildIdToken({ userId: 'learner1', nonce: 'n', courseId: null }))) as Record<string, any>;
    assert.equal(c[`${LTI}/context`], undefined);
    assert.equal(c[AGS], undefined);
    assert.equal(c[NRPS], undefined);
  });

  const attacks: Array<[string, Parameters<DevPlatform['signRaw']>[1]]> = [
    ['alg none', { alg: 'none' }],
    ['HS256 keyed with the public key', { alg: 'HS256', key: 'public-as-hmac' }],
    ['an RSA key the JWKS does not hold', { alg: 'RS256', key: 'other-rsa' }],
  ];
  for (const [what, opts] of attacks) {
    it(`signRaw makes a token signed with ${what} that fails verification`, async () => {
      const token = await p.signRaw({ iss: p.issuer, aud: 'tool-client-1', sub: 'learner1', exp: Math.floor(Date.now() / 1000) + 60 }, opts);
      assert.equal(decodeProtectedHeader(token).alg, opts.alg);
      if (opts.alg === 'none') assert.ok(token.endsWith('.'));
      await assert.rejects(verified(p, token));
    });
  }
});
