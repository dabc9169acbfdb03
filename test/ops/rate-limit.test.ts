import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config';
import { harness, newCourse, platformFor, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchAs } from '../helpers/sharing';
import { startServer, stopProcess, tempSqliteUrl, freePort, type AppProcess } from '../helpers/processes';
import { launch, type DevPlatform } from '../../src/devplatform';
import { Thread } from '../../src/discussions/model';
import { countHit, purgeRateLimits } from '../../src/web/rate-limit';

/** Counters are per minute: start a burst early enough in the minute that it cannot straddle two windows. */
async function notNearTheMinute(): Promise<void> {
  const s = new Date().getSeconds();
  if (s >= 50) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

describe('operations: rate limits stored in the database', function () {
  this.timeout(120_000);
  let h: Harness;
  const started: AppProcess[] = [];
  const platforms: DevPlatform[] = [];
  before(async () => {
    h = await harness();
  });
  after(async () => {
    await Promise.all(started.map((p) => stopProcess(p, 'SIGKILL')));
    await Promise.all(platforms.map((p) => p.close()));
  });

  it('counts atomically per window and subject, and housekeeping forgets finished windows', async () => {
    const sequelize = h.runtime.sequelize;
    const t0 = Date.UTC(2030, 0, 1, 12, 0, 10);
    const hits = await Promise.all(Array.from({ length: 12 }, () => countHit(sequelize, 'write', 'user:unit', t0)));
    assert.deepEqual(hits.map((x) => x.hits).sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1), 'no hit lost under concurrency');
    assert.equal(hits[0].retryAfter, 50);
    assert.equal((await countHit(sequelize, 'write', 'user:other', t0)).hits, 1, 'another subject has its own count');
    assert.equal((await countHit(sequelize, 'write', 'user:unit', t0 + 60_000)).hits, 1, 'the next minute starts again');
    await purgeRateLimits(sequelize, new Date(t0 + 61_000));
    assert.equal((await countHit(sequelize, 'write', 'user:unit', t0)).hits, 1, 'the finished window was forgotten');
    await purgeRateLimits(sequelize, new Date(t0 + 10 * 60_000));
  });

  it('counts a client behind the proxy by the address the proxy saw, not one the client wrote (TRUST_PROXY=1)', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', LTI_KEY: h.config.LTI_KEY });
    assert.equal(config.TRUST_PROXY, 1);
    const app = express();
    app.set('trust proxy', config.TRUST_PROXY);
    app.get('/ip', (req, res) => void res.json({ ip: req.ip, secure: req.secure }));
    const server = http.createServer(app).listen(0);
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ip`, {
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7', 'x-forwarded-proto': 'https' }, // the client's forged entry, then nginx's $remote_addr
      });
      assert.deepEqual(await res.json(), { ip: '203.0.113.7', secure: true });
    } finally {
      server.close();
    }
  });

  it('holds a login limit across two app processes, with a 429 page in French or English and Retry-After', async () => {
    const env = { DATABASE_URL: tempSqliteUrl('ratelimit'), RATE_LIMIT_LOGIN_PER_MINUTE: '4' };
    const a = await startServer(env);
    started.push(a);
    const b = await startServer(env);
    started.push(b);
    await notNearTheMinute();
    const login = (p: { url: string }, lang = 'fr-CA') => fetch(`${p.url}/lti/login?iss=x`, { headers: { 'accept-language': lang } });
    const statuses = [];
    for (const p of [a, b, a, b]) statuses.push((await login(p)).status);
    assert.deepEqual(statuses, [400, 400, 400, 400], 'under the limit: the usual refusal page');
    const fr = await login(b);
    assert.equal(fr.status, 429, 'the fifth login of the minute, on the other process, is refused');
    const retry = Number(fr.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After: ${retry}`);
    const frText = await fr.text();
    assert.match(frText, /<html lang="fr">/);
    assert.match(frText, /Trop de demandes en peu de temps/);
    assert.doesNotMatch(frText, /at .*\.ts:\d+/);
    const en = await login(a, 'en-US');
    assert.equal(en.status, 429);
    assert.match(await en.text(), /Too many requests in a short time\. Wait \d+ seconds/);
    const json = await fetch(`${a.url}/lti/login?iss=x`, { headers: { accept: 'application/json' } });
    assert.equal(json.status, 429);
    assert.match((await json.json()).error, /Too many requests|Trop de demandes/);
    const metrics = await (await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${h.config.METRICS_TOKEN}` } })).text();
    assert.match(metrics, /coper_rate_limited_total\{rule="login"\} [1-9]/);
  });

  it('limits a person’s writes across the community (launches kept apart), and writes nothing past the limit', async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const server = await startServer({ PORT: String(port), PUBLIC_URL: url, DATABASE_URL: h.config.DATABASE_URL, RATE_LIMIT_WRITE_PER_MINUTE: '3', RATE_LIMIT_LAUNCH_PER_MINUTE: '50' });
    started.push(server);
    const platform = await platformFor('moodle', url);
    platforms.push(platform);
    const tool: Harness = { ...h, toolUrl: url, moodle: platform, launch: ({ platform: p, ...rest }) => launch(p ?? platform, rest) };
    const course = newCourse(platform);
    const { communityId } = await setUpCommunity(tool, platform, course);
    await notNearTheMinute();
    const learner = await launchAs(tool, course, 'learner1', platform);
    const before = await Thread.count({ where: { communityId } });
    for (let i = 1; i <= 3; i++) {
      const ok = await learner.post(`/c/${communityId}/threads`, { kind: 'discussion', title: `Question ${i} du jour`, body: 'Comment faites-vous?' });
      assert.equal(ok.status, 200, ok.text.slice(0, 300));
    }
    const refused = await learner.post(`/c/${communityId}/threads`, { kind: 'discussion', title: 'Une de trop', body: 'Encore une question.' });
    assert.equal(refused.status, 429);
    assert.match(refused.text, /Trop de demandes|Too many requests/);
    assert.equal(await Thread.count({ where: { communityId } }), before + 3, 'the refused post wrote nothing');
    const reading = await learner.get(`/c/${communityId}`);
    assert.equal(reading.status, 200, 'reading is not limited');
    const other = await launchAs(tool, course, 'learner3', platform);
    const theirs = await other.post(`/c/${communityId}/threads`, { kind: 'discussion', title: 'Ma propre question', body: 'Une autre personne.' });
    assert.equal(theirs.status, 200, 'another person has their own allowance');
  });
});
