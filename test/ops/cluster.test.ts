import assert from 'node:assert/strict';
import { startProcess, stopProcess, tempSqliteUrl, type AppProcess } from '../helpers/processes';

const TOKEN = 'cluster-metrics-token-0123456789';

describe('operations: WEB_CONCURRENCY web processes (node cluster)', function () {
  this.timeout(120_000);
  let p: AppProcess | undefined;
  after(async () => {
    if (p) await stopProcess(p, 'SIGKILL');
  });

  it('migrates once, serves from two processes on one port, aggregates /metrics, runs background work once, and stops all on SIGTERM', async () => {
    p = startProcess('server', { DATABASE_URL: tempSqliteUrl('cluster'), WEB_CONCURRENCY: '2', EMBEDDED_WORKER: 'true', METRICS_TOKEN: TOKEN, SHUTDOWN_DELAY_SECONDS: '0', LOG_LEVEL: 'debug' });
    const first = await p.waitForLog((l) => l.event === 'listening');
    await p.waitForLog((l) => l.event === 'listening' && l.pid !== first.pid);
    const url = `http://127.0.0.1:${first.port as number}`;
    const listening = p.logs.filter((l) => l.event === 'listening');
    assert.equal(new Set(listening.map((l) => l.port)).size, 1, 'one shared port');
    assert.equal(p.logs.filter((l) => l.event === 'migrated').length, 1, 'the primary migrated, once');

    for (let i = 0; i < 20; i++) assert.equal((await fetch(`${url}/livez`, { headers: { connection: 'close' } })).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    const servedBy = new Set(p.logs.filter((l) => l.event === 'request' && l.route === '/livez').map((l) => l.pid));
    assert.equal(servedBy.size, 2, 'both processes served requests');

    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const count = /coper_http_request_duration_seconds_count\{[^}]*route="\/livez"[^}]*\} (\d+)/.exec(metrics);
    assert.ok(count, metrics.slice(0, 500));
    assert.equal(Number(count[1]), 20, 'the counts of both processes, summed');

    await p.waitForLog((l) => typeof l.job === 'string', 15_000);
    const jobPids = new Set(p.logs.filter((l) => typeof l.job === 'string').map((l) => l.pid));
    assert.equal(jobPids.size, 1, 'background work runs in one web process');

    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.other.join('\n'));
    const stopped = p.logs.filter((l) => l.event === 'stopped');
    assert.equal(stopped.length, 3, 'both web processes, then the primary');
  });
});
