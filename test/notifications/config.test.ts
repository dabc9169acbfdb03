import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../src/config';

describe('notification settings in the configuration', () => {
  it('defaults to the file outbox, a local sender and 7 a.m.', () => {
    const c = loadConfig({});
    assert.equal(c.SMTP_URL, undefined);
    assert.equal(c.MAIL_FROM, 'CoPeR <no-reply@localhost>');
    assert.equal(c.DIGEST_HOUR, 7);
    assert.equal(loadConfig({ SMTP_URL: '  ' }).SMTP_URL, undefined, 'empty means "no SMTP server"');
  });

  it('accepts smtp:// and smtps:// URLs and an hour from 0 to 23, and refuses anything else', () => {
    assert.equal(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).SMTP_URL, 'smtps://u:p@mail.example.org:465');
    assert.equal(loadConfig({ DIGEST_HOUR: '0' }).DIGEST_HOUR, 0);
    assert.throws(() => loadConfig({ SMTP_URL: 'http://mail.example.org' }), ConfigError);
    assert.throws(() => loadConfig({ DIGEST_HOUR: '24' }), ConfigError);
    assert.throws(() => loadConfig({ DIGEST_HOUR: 'seven' }), ConfigError);
  });
});
