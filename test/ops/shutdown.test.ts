import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, startProcess, stopProcess, tempSqliteUrl, type AppProcess } from '../helpers/processes';
import { harness } from '../helpers/harness';
import { startWorker } from '../../src/worker/runner';

/** A POST whose body the client sends in two halves, so that the request stays in flight between them. */
function slowPost(url: string, body: string): { finish: () => void; response: Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> } {
  const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  const response = new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
    });
    req.on('error', reject);
  });
  return { finish: () => req.end(body.slice(half)), response };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('operations: graceful shutdown', function () {
  this.timeout(90_000);
  let server: (AppProcess & { url: string }) | undefined;
  afterEach(async () => {
    if (server) await stopProcess(server, 'SIGKILL');
    server = undefined;
  });

  it('on SIGTERM: /healthz answers 503 while /livez stays up, then stops accepting, finishes the request in flight, stops the worker, and exits 0', async () => {
    server = await startServer({ DATABASE_URL: tempSqliteUrl('shutdown'), EMBEDDED_WORKER: 'true', SHUTDOWN_DELAY_SECONDS: '4' });
    const ready = await fetch(`${server.url}/healthz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ok', db: 'ok' });

    const slow = slowPost(`${server.url}/lti/launch`, `id_token=${'x'.repeat(4000)}&state=abc`);
    await sleep(200);
    server.child.kill('SIGTERM');
    await server.waitForLog((l) => l.event === 'stopping');

    const draining = await fetch(`${server.url}/healthz`);
    assert.equal(draining.status, 503);
    assert.deepEqual(await draining.json(), { status: 'draining', db: 'ok' });
    assert.equal(draining.headers.get('connection'), 'close', 'keep-alive clients are asked to reconnect elsewhere');
    const live = await fetch(`${server.url}/livez`);
    assert.equal(live.status, 200);
    assert.deepEqual(await live.json(), { status: 'ok' });

    await server.waitForLog((l) => l.event === 'worker_stopping', 10_000); // past the delay: the listening socket is closed
    await assert.rejects(fetch(`${server.url}/livez`), 'no new connection is accepted');
    assert.equal(server.child.exitCode, null, 'the process waits for the request in flight');

    slow.finish();
    const res = await slow.response;
    assert.equal(res.status, 401, 'the request in flight got its full answer');
    assert.match(res.text, /data-reason="/);
    assert.equal(await server.exited, 0);
    const events = server.logs.map((l) => l.event);
    const order = ['stopping', 'worker_stopping', 'stopped'].map((e) => events.indexOf(e));
    assert.ok(order.every((i) => i >= 0) && order[0] < order[1] && order[1] < order[2], events.join(' '));
    const served = server.logs.findIndex((l) => l.event === 'request' && l.route === '/lti/*' && l.status === 401);
    assert.ok(served >= 0 && served < order[2], 'the request in flight was served before the process stopped');
  });

  it('`npm run worker` stops on SIGTERM after its current jobs, and exits 0', async () => {
    const worker = startProcess('worker', { DATABASE_URL: tempSqliteUrl('worker-stop') });
    await worker.waitForLog((l) => l.event === 'worker_started');
    const code = await stopProcess(worker);
    assert.equal(code, 0, JSON.stringify(worker.logs) + worker.other.join('\n') + worker.child.signalCode);
    assert.ok(worker.logs.some((l) => l.event === 'stopped'));
  });

  it('a stopping worker lets a looping job finish its current item, starts no new job, and waits for it', async () => {
    const h = await harness();
    const items: number[] = [];
    let finished = false;
    let otherRuns = 0;
    const worker = startWorker(h.runtime, [
      {
        name: 'test.loop', everyMs: 3_600_000,
        run: async (_rt, signal) => {
          for (let i = 0; i < 1000 && !signal?.aborted; i++) {
            await sleep(50);
            items.push(i);
          }
          finished = true;
        },
      },
      { name: 'test.other', everyMs: 200, run: async () => void otherRuns++ },
    ]);
    await sleep(1_500);
    const before = items.length;
    const stoppedAt = Date.now();
    await worker.stop();
    assert.ok(finished, 'the job returned before stop() resolved');
    assert.ok(Date.now() - stoppedAt < 1_000, 'promptly');
    assert.ok(items.length - before <= 1, 'at most the item in hand was finished');
    const runs = otherRuns;
    await sleep(600);
    assert.equal(otherRuns, runs, 'no job starts after stop()');
  });
});
