import assert from 'node:assert/strict';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { captureLogs } from '../helpers/logs';
import { log, withLogScope } from '../../src/log';

describe('operations: structured logs', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('tags every line of a request with its id, echoes the id, and logs the route pattern without the query', async () => {
    let res: Response | undefined;
    const lines = await captureLogs(async () => {
      res = await fetch(`${h.toolUrl}/lti/login?iss=https://unknown.example.org&login_hint=jean.roy@exemple.ca&target_link_uri=${encodeURIComponent(h.toolUrl)}`, {
        headers: { 'x-request-id': 'proxy-req-12345678' },
      });
    });
    assert.equal(res!.status, 400);
    assert.equal(res!.headers.get('x-request-id'), 'proxy-req-12345678');
    const mine = lines.filter((l) => l.req === 'proxy-req-12345678');
    const refused = mine.find((l) => l.event === 'launch_refused');
    assert.ok(refused, JSON.stringify(lines));
    assert.equal(refused.level, 'warn');
    assert.equal(refused.reason, 'UNKNOWN_PLATFORM');
    const request = mine.find((l) => l.event === 'request');
    assert.ok(request);
    assert.equal(request.route, '/lti/*');
    assert.equal(request.status, 400);
    assert.equal(typeof request.ms, 'number');
    assert.ok(!JSON.stringify(lines).includes('jean.roy@exemple.ca'), 'no e-mail address in the logs');
  });

  it('gives a request without an id (or with a malformed one) a fresh one', async () => {
    const a = await fetch(`${h.toolUrl}/healthz`, { headers: { 'x-request-id': 'bad id\twith tab' } });
    const b = await fetch(`${h.toolUrl}/healthz`);
    assert.match(a.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    assert.match(b.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
  });

  it('never writes the launch address, its id_token or a session into the logs', async () => {
    const course = newCourse(h.moodle);
    let landed = '';
    const lines = await captureLogs(async () => {
      const launched = await h.launch({ userId: 'learner1', courseId: course });
      assert.equal(launched.status, 200);
      landed = launched.url;
    }, 'debug');
    const text = JSON.stringify(lines);
    assert.ok(lines.some((l) => l.event === 'launch'), text);
    const routes = lines.filter((l) => l.event === 'request').map((l) => String(l.route));
    assert.ok(routes.length >= 2, text);
    assert.ok(routes.every((r) => !r.includes('?')), routes.join(' '));
    const query = new URL(landed).search.slice(1);
    if (query) assert.ok(!text.includes(query), 'the landing address (and what it carries) is not logged');
    assert.ok(!/eyJ[\w-]{8,}\.[\w-]{8,}\./.test(text), 'no JWT (id_token) in the logs');
  });

  it('redacts secret fields and scrubs e-mail addresses and JWTs from any value', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
    const lines = await captureLogs(async () => {
      withLogScope({ job: 'roster-sync' }, () =>
        log.warn('roster_sync_refused', { code: 'x', detail: `User marie@exemple.ca not found (${jwt})`, email: 'a@b.org', idToken: jwt, nested: { token: 'abc' } }),
      );
    });
    const line = lines.find((l) => l.event === 'roster_sync_refused')!;
    assert.equal(line.job, 'roster-sync');
    assert.equal(line.detail, 'User [email] not found ([jwt])');
    assert.equal(line.email, '[redacted]');
    assert.equal(line.idToken, '[redacted]');
    assert.deepEqual(line.nested, { token: '[redacted]' });
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
  });
});
