import assert from 'node:assert/strict';
import { harness } from '../helpers/harness';

/**
 * The ltijs database plugin, against the test database (SQLite or MariaDB). The access-token case
 * is the one ltijs-sequelize gets wrong on MySQL: two scope strings sharing a long prefix.
 */
describe('ltijs database plugin over our Sequelize', () => {
  it('keeps access tokens for scope sets that share a long prefix apart', async () => {
    const { runtime } = await harness();
    const plugin = runtime.plugin;
    const base = { platformUrl: 'https://lms.example', clientId: 'c1' };
    const a = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem';
    const b = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly';
    await plugin.Replace('secret-key-123456', 'accesstoken', { ...base, scopes: a }, { token: { access_token: 'A' } }, { ...base, scopes: a });
    await plugin.Replace('secret-key-123456', 'accesstoken', { ...base, scopes: b }, { token: { access_token: 'B' } }, { ...base, scopes: b });
    const ga = await plugin.Get('secret-key-123456', 'accesstoken', { ...base, scopes: a });
    const gb = await plugin.Get('secret-key-123456', 'accesstoken', { ...base, scopes: b });
    assert.equal((ga as Array<{ token: { access_token: string } }>)[0].token.access_token, 'A');
    assert.equal((gb as Array<{ token: { access_token: string } }>)[0].token.access_token, 'B');
  });

  it('encrypts with integrity: a wrong key cannot read, and replace is an upsert', async () => {
    const { runtime } = await harness();
    const plugin = runtime.plugin;
    const q = { platformUrl: 'https://lms2.example', clientId: 'c2' };
    await plugin.Replace('k1-aaaaaaaaaaaaaaaa', 'privatekey', q, { key: 'PEM-1' }, { kid: 'kid-1', ...q });
    await plugin.Replace('k1-aaaaaaaaaaaaaaaa', 'privatekey', q, { key: 'PEM-2' }, { kid: 'kid-2', ...q });
    const rows = (await plugin.Get('k1-aaaaaaaaaaaaaaaa', 'privatekey', { kid: 'kid-2' })) as Array<{ key: string }>;
    assert.equal(rows.length, 1);
    assert.equal(rows[0].key, 'PEM-2');
    assert.equal(await plugin.Get('k1-aaaaaaaaaaaaaaaa', 'privatekey', { kid: 'kid-1' }), false);
    await assert.rejects(plugin.Get('another-key-zzzzzzz', 'privatekey', { kid: 'kid-2' }));
  });

  it('refuses a second insert of the same nonce (replay race) and forgets expired records', async () => {
    const { runtime } = await harness();
    const plugin = runtime.plugin;
    await plugin.Insert(false, 'nonce', { nonce: 'n-unique-1' });
    await assert.rejects(plugin.Insert(false, 'nonce', { nonce: 'n-unique-1' }));
    assert.ok(await plugin.Get(false, 'nonce', { nonce: 'n-unique-1' }));
  });
});
