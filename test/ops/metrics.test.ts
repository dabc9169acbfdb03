import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { metricsRoutes } from '../../src/web/metrics';
import { metricsSources } from '../../src/features';
import { startWorker } from '../../src/worker/runner';
import { rosterCommunity, syncNow } from '../helpers/roster';
import { EmailOutbox } from '../../src/notifications/model';

/** The value of one series in a Prometheus text page (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return 0;
}

describe('operations: /metrics for Prometheus', () => {
  let h: Harness;
  const scrape = async () => {
    const res = await fetch(`${h.toolUrl}/metrics`, { headers: { authorization: `Bearer ${h.config.METRICS_TOKEN}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/plain/);
    return res.text();
  };
  before(async () => {
    h = await harness();
  });

  it('refuses a scrape without the bearer token, or with a wrong one (401), and shows nothing', async () => {
    const none = await fetch(`${h.toolUrl}/metrics`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate')!, /^Bearer/);
    assert.doesNotMatch(await none.text(), /coper_/);
    const wrong = await fetch(`${h.toolUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    assert.equal(wrong.status, 401);
  });

  it('does not exist (404) when no METRICS_TOKEN is configured', async () => {
    const app = express().use(metricsRoutes({ ...h.config, METRICS_TOKEN: undefined }, metricsSources));
    const server = http.createServer(app).listen(0);
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, { headers: { authorization: 'Bearer anything-at-all-here' } });
      assert.equal(res.status, 404);
    } finally {
      server.close();
    }
  });

  it('counts requests by route pattern (never a concrete id), launches, and refusals by reason', async () => {
    const before = await scrape();
    const course = newCourse(h.moodle);
    const launched = await h.launch({ userId: 'instructor', courseId: course });
    assert.equal(launched.status, 200);
    await fetch(`${h.toolUrl}/lti/login?iss=https://nowhere.example.org&login_hint=1&target_link_uri=x`);
    await fetch(`${h.toolUrl}/healthz`);
    const after = await scrape();
    const healthz = { method: 'GET', route: '/healthz', status: '200' };
    assert.equal(sample(after, 'coper_http_request_duration_seconds_count', healthz), sample(before, 'coper_http_request_duration_seconds_count', healthz) + 1);
    assert.equal(sample(after, 'coper_launch_refusals_total', { reason: 'UNKNOWN_PLATFORM' }), sample(before, 'coper_launch_refusals_total', { reason: 'UNKNOWN_PLATFORM' }) + 1);
    const launchesBefore = sample(before, 'coper_launches_total', { kind: 'setup' }) + sample(before, 'coper_launches_total', { kind: 'community' });
    const launchesAfter = sample(after, 'coper_launches_total', { kind: 'setup' }) + sample(after, 'coper_launches_total', { kind: 'community' });
    assert.equal(launchesAfter, launchesBefore + 1, after.split('\n').filter((l) => l.startsWith('coper_launches')).join('\n'));
    const routes = [...after.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(routes.includes('/lti/*'));
    assert.ok(routes.every((r) => !/\/\d+(\/|$)/.test(r) && !r.includes('?')), `no concrete ids in route labels: ${[...new Set(routes)].join(' ')}`);
    assert.match(after, /coper_process_cpu_user_seconds_total/, 'process metrics too');
  });

  it('reports outbox depths, roster sync outcomes and job durations', async () => {
    const rc = await rosterCommunity('moodle');
    const before = await scrape();
    const pendingEmails = sample(before, 'coper_outbox_depth', { outbox: 'emails', status: 'pending' });
    const row = await EmailOutbox.create({
      communityId: rc.communityId, membershipId: null, category: 'notification', toAddress: 'x@example.org', subject: 's', textBody: 't', htmlBody: '<p>t</p>',
      headers: {}, status: 'pending', attempts: 0, nextAttemptAt: new Date(Date.now() + 3_600_000),
    });
    assert.match(before, /coper_outbox_depth\{outbox="scores",status="pending"\} \d+/);
    assert.match(before, /coper_outbox_depth\{outbox="emails",status="pending"\} \d+/);
    const outcome = await syncNow(rc);
    assert.equal(outcome.status, 'ok');
    const worker = startWorker(h.runtime, [{ name: 'test.metrics-job', everyMs: 3_600_000, run: async () => ({ done: true }) }]);
    await new Promise((r) => setTimeout(r, 1_300));
    await worker.stop();
    const text = await scrape();
    assert.equal(sample(text, 'coper_roster_syncs_total', { outcome: 'ok' }), sample(before, 'coper_roster_syncs_total', { outcome: 'ok' }) + 1);
    assert.equal(sample(text, 'coper_job_duration_seconds_count', { job: 'test.metrics-job', outcome: 'ok' }), 1);
    assert.equal(sample(text, 'coper_outbox_depth', { outbox: 'emails', status: 'pending' }), pendingEmails + 1, 'read from the database at the scrape');
    await row.destroy();
  });
});
