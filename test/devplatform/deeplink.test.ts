import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { DevPlatform, launch, type Flavour } from '../../src/devplatform';
import { platformWithTool, type FakeTool } from './fake-tool';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';

for (const flavour of ['moodle', 'canvas'] as Flavour[]) {
  describe(`devplatform: deep linking (${flavour})`, () => {
    let p: DevPlatform;
    let tool: FakeTool;
    let close: () => Promise<void>;
    before(async () => {
      ({ p, tool, close } = await platformWithTool({ flavour }));
    });
    after(() => close());

    /** Launches a deep-linking request as the instructor; returns its claims. */
    async function dlRequest(): Promise<Record<string, any>> {
      const res = await launch(p, { userId: 'instructor', messageType: 'LtiDeepLinkingRequest' });
      assert.equal(res.status, 200);
      return tool.launches.at(-1) as Record<string, any>;
    }

    /** The tool's LtiDeepLinkingResponse, as ltijs builds it. */
    function response(request: Record<string, any>, items: unknown[], overrides: JWTPayload = {}): JWTPayload {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: 'tool-client-1', aud: p.issuer, iat: now, exp: now + 60, nonce: randomBytes(8).toString('hex'),
        [`${LTI}/deployment_id`]: request[`${LTI}/deployment_id`],
        [`${LTI}/message_type`]: 'LtiDeepLinkingResponse',
        [`${LTI}/version`]: '1.3.0',
        [`${DL}/data`]: request[`${DL}/deep_linking_settings`].data,
        [`${DL}/content_items`]: items,
        ...overrides,
      };
    }

    async function postReturn(request: Record<string, any>, jwt: string): Promise<{ status: number; text: string }> {
      const res = await fetch(request[`${DL}/deep_linking_settings`].deep_link_return_url, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
      return { status: res.status, text: await res.text() };
    }

    // The url must be one the tool registered as redirect URI, or the auth endpoint refuses the launch.
    const item = {
      type: 'ltiResourceLink', title: 'Communauté — cohorte A', url: '',
      custom: { community: 'c-42' }, lineItem: { scoreMaximum: 100, label: 'Participation CoP', tag: 'participation' },
    };
    before(() => void (item.url = `${tool.url}/launch`));

    it('verifies the response, places the link and its line item, and confirms', async () => {
      const request = await dlRequest();
      const res = await postReturn(request, await tool.sign(response(request, [item])));
      assert.equal(res.status, 200);
      assert.match(res.text, /Contenu ajouté \/ Content added/);
      assert.match(res.text, /Communauté — cohorte A/);
      assert.equal(p.deepLinkReturns.length, 1);
      assert.deepEqual(p.deepLinkReturns[0].items, [item]);
      const link = [...p.resourceLinks.values()].find((l) => l.title === item.title);
      assert.ok(link);
      assert.deepEqual(link.custom, { community: 'c-42' });
      const li = [...p.lineItems.values()].find((x) => x.resourceLinkId === link.id);
      assert.ok(li);
      assert.equal(li.scoreMaximum, 100);
      // Moodle names the grade item after the activity (LTIJS-NOTES.md).
      assert.equal(li.label, flavour === 'moodle' ? item.title : 'Participation CoP');

      const launched = await launch(p, { userId: 'learner1', resourceLinkId: link.id });
      assert.equal(launched.status, 200);
      const claims = tool.launches.at(-1) as Record<string, any>;
      assert.equal(claims[`${LTI}/resource_link`].id, link.id);
      assert.equal(claims[`${LTI}/target_link_uri`], item.url);
      assert.deepEqual(claims[`${LTI}/custom`], { community: 'c-42' });
      assert.equal(claims[AGS].lineitem, li.id);

      const home = await (await fetch(`${p.url}/`)).text();
      assert.match(home, /Retours du sélecteur \/ Deep-linking returns/);
      assert.match(home, /<caption>[^<]*\(course-1, \/100\)<\/caption>/, 'the gradebook shows the new line item');
    });

    const refusals: Array<[string, (r: Record<string, any>) => Promise<string>, RegExp]> = [
      ['signed by a key not in the tool JWKS', async (r) => tool.sign(response(r, [item]), 'stranger'), /signature/],
      ['for another audience', async (r) => tool.sign(response(r, [item], { aud: 'https://other.example' })), /aud/],
      ['without nonce', async (r) => tool.sign(response(r, [item], { nonce: undefined })), /nonce/],
      ['with another message type', async (r) => tool.sign(response(r, [item], { [`${LTI}/message_type`]: 'LtiResourceLinkRequest' })), /message_type/],
      ['with a data value the platform never issued', async (r) => tool.sign(response(r, [item], { [`${DL}/data`]: 'forged' })), /data/],
      ['with another deployment_id', async (r) => tool.sign(response(r, [item], { [`${LTI}/deployment_id`]: '999' })), /deployment_id/],
      ['with two items when accept_multiple is false', async (r) => tool.sign(response(r, [item, item])), /accept_multiple/],
    ];
    for (const [what, forge, reason] of refusals) {
      it(`refuses a response ${what} with 400 and places nothing`, async () => {
        const request = await dlRequest();
        const returns = p.deepLinkReturns.length;
        const links = p.resourceLinks.size;
        const res = await postReturn(request, await forge(request));
        assert.equal(res.status, 400);
        assert.match(res.text, reason);
        assert.equal(p.deepLinkReturns.length, returns);
        assert.equal(p.resourceLinks.size, links);
      });
    }

    it('answers each deep-linking request once (data is single use)', async () => {
      const request = await dlRequest();
      const jwt = await tool.sign(response(request, []));
      assert.equal((await postReturn(request, jwt)).status, 200);
      assert.equal((await postReturn(request, await tool.sign(response(request, [])))).status, 400);
    });
  });
}
