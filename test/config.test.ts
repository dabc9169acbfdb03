import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../src/config';
import { parseDatabaseUrl } from '../src/db';

describe('configuration', () => {
  it('has working defaults: port 3000, SQLite under data/', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.DATABASE_URL, 'sqlite:data/coper.sqlite');
    assert.equal(c.PUBLIC_URL, 'http://localhost:3000');
    assert.equal(c.secureCookies, false);
  });

  it('refuses to run in production without LTI_KEY, with a readable message', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (e: Error) => e instanceof ConfigError && /LTI_KEY/.test(e.message));
  });

  it('reports every invalid variable at once', () => {
    assert.throws(() => loadConfig({ PORT: 'abc', PUBLIC_URL: 'not a url' }), (e: Error) => /PORT/.test(e.message) && /PUBLIC_URL/.test(e.message));
  });

  it('uses secure cookies behind an https public URL', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://coper.example.org/', LTI_KEY: 'x'.repeat(32) }).secureCookies, true);
  });

  it('reads SQLite and MySQL/MariaDB URLs', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:data/coper.sqlite'), { dialect: 'sqlite', storage: 'data/coper.sqlite' });
    assert.deepEqual(parseDatabaseUrl('sqlite:/var/lib/coper/db.sqlite'), { dialect: 'sqlite', storage: '/var/lib/coper/db.sqlite' });
    assert.deepEqual(parseDatabaseUrl('mysql://root@127.0.0.1:3306/test'), { dialect: 'mysql', uri: 'mysql://root@127.0.0.1:3306/test' });
    assert.throws(() => parseDatabaseUrl('postgres://x'), /unsupported/);
  });
});
