import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { withSession } from '../helpers/session';
import { Draft } from '../../src/drafts/model';

/** Server-kept drafts (for frames without storage): a member's own, per form, in their community only. */
describe('drafts kept by the server', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('saves, reads and forgets a member\'s draft; the accepted form drops it; bad input, another community or no CSRF token write nothing', async () => {
    const c = await sharingCommunity(h);
    const other = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Brouillons', body: 'Un fil.' })).url, 'threads');
    const form = `${c.base}/threads/${thread}/posts`;
    // As drafts.js sends it: a form body, the fields as one JSON text field.
    const encode = (body: { form: string; fields?: object }) => new URLSearchParams({ form: body.form, ...(body.fields ? { fields: JSON.stringify(body.fields) } : {}) }).toString();
    const call = (method: string, base: string, body?: { form: string; fields?: object }, csrf = alex.csrf) =>
      fetch(`${h.toolUrl}${base}/drafts${method === 'GET' ? `?form=${encodeURIComponent(form)}` : ''}`, withSession(h, alex.agent, { method, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrf }, body: body ? encode(body) : undefined }));

    assert.equal((await call('PUT', c.base, { form, fields: { body: 'Mon brouillon' } })).status, 204);
    assert.deepEqual((await (await call('GET', c.base)).json()).fields, { body: 'Mon brouillon' });

    assert.equal((await call('PUT', c.base, { form, fields: { body: 'x' } }, 'nope')).status, 403);
    assert.equal((await call('PUT', c.base, { form: '/c/999/threads/1/posts', fields: { body: 'x' } })).status, 400);
    assert.equal((await call('PUT', c.base, { form, fields: { body: 'x'.repeat(20_001) } })).status, 400);
    assert.equal((await call('PUT', c.base, { form: `${other.base}/threads/1/posts`, fields: { body: 'x' } })).status, 400, 'a form of another community');
    assert.equal((await call('PUT', other.base, { form: `${other.base}/threads/1/posts`, fields: { body: 'x' } })).status, 403, 'not a member there');
    assert.equal(await Draft.count({ where: { formKey: `${other.base}/threads/1/posts` } }), 0);
    const raw = (fields: string) => fetch(`${h.toolUrl}${c.base}/drafts`, withSession(h, alex.agent, { method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': alex.csrf }, body: new URLSearchParams({ form, fields }).toString() }));
    assert.equal((await raw('{not json')).status, 400, 'fields that are not JSON');
    const json = await fetch(`${h.toolUrl}${c.base}/drafts`, withSession(h, alex.agent, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': alex.csrf }, body: JSON.stringify({ form, fields: { body: 'x' } }) }));
    assert.equal(json.status, 415, 'forms only');
    assert.deepEqual((await (await call('GET', c.base)).json()).fields, { body: 'Mon brouillon' }, 'unchanged');

    const sent = await alex.post(form, { body: 'Mon brouillon' });
    assert.equal(sent.status, 200);
    assert.equal(await Draft.count({ where: { formKey: form } }), 0, 'the accepted form drops its draft');

    assert.equal((await call('PUT', c.base, { form, fields: { body: 'Encore' } })).status, 204);
    assert.equal((await call('DELETE', c.base, { form })).status, 204);
    assert.equal(await Draft.count({ where: { formKey: form } }), 0);
  });
});
