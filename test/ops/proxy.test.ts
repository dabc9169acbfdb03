import assert from 'node:assert/strict';
import fs from 'node:fs';
import { harness, newCourse, platformFor, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchAs } from '../helpers/sharing';
import { startServer, startProcess, stopProcess, freePort, type AppProcess } from '../helpers/processes';
import { startNginx, NGINX, type Proxy } from '../helpers/nginx';
import { launch, type DevPlatform } from '../../src/devplatform';
import { accepted, participationItem } from '../participation/helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('operations: two app processes and two workers behind nginx with TLS', function () {
  this.timeout(180_000);
  let h: Harness;
  let proxy: Proxy | undefined;
  let platform: DevPlatform | undefined;
  const started: AppProcess[] = [];
  const tls = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  before(async function () {
    if (!fs.existsSync(NGINX)) this.skip(); // Debian's nginx package: .ci/run installs it
    h = await harness();
    // The proxy's certificate is self-signed: this test process (browser agents, the development platform) accepts it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });
  after(async () => {
    await Promise.all(started.map((p) => stopProcess(p)));
    await proxy?.stop();
    await platform?.close();
    if (tls === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tls;
  });

  it('a member launches, posts, and the grade reaches the LMS once, through the proxy', async () => {
    const [appPort, httpsPort, httpPort] = [await freePort(), await freePort(), await freePort()];
    const toolUrl = `https://localhost:${httpsPort}`;
    const env = { NODE_ENV: 'production', LTI_KEY: h.config.LTI_KEY, PUBLIC_URL: toolUrl, DATABASE_URL: h.config.DATABASE_URL, ROSTER_SYNC_ON_LAUNCH: 'false' };
    const app = await startServer({ ...env, PORT: String(appPort), WEB_CONCURRENCY: '2', EMBEDDED_WORKER: 'false', SHUTDOWN_DELAY_SECONDS: '0' });
    started.push(app);
    await app.waitForLog((l) => l.event === 'listening' && l.pid !== app.logs.find((x) => x.event === 'listening')!.pid);
    for (let i = 0; i < 2; i++) {
      const worker = startProcess('worker', env);
      started.push(worker);
      await worker.waitForLog((l) => l.event === 'worker_started');
    }
    proxy = await startNginx(httpsPort, httpPort, appPort);

    const health = await fetch(`${toolUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.match(health.headers.get('x-request-id')!, /^[0-9a-f]{32}$/, 'the proxy’s $request_id is the request id CoPeR logs');
    assert.match(health.headers.get('strict-transport-security')!, /max-age/);
    const redirect = await fetch(`http://localhost:${httpPort}/healthz`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);

    platform = await platformFor('moodle', toolUrl);
    const tool: Harness = { ...h, toolUrl, moodle: platform, launch: ({ platform: p, ...rest }) => launch(p ?? platform!, rest) };
    const course = newCourse(platform);
    const { communityId, home } = await setUpCommunity(tool, platform, course);
    assert.match(home.headers.get('content-security-policy')!, new RegExp(`frame-ancestors[^;]*${new URL(platform.url).origin.replace(/[.]/g, '\\.')}`), 'CoPeR’s frame-ancestors pass through');
    assert.equal(home.headers.get('x-frame-options'), null);

    const learner = await launchAs(tool, course, 'learner1', platform);
    const posted = await learner.post(`/c/${communityId}/threads`, { kind: 'discussion', title: 'Par le mandataire', body: 'Une question assez longue pour valoir des points. '.repeat(10) });
    assert.equal(posted.status, 200, posted.text.slice(0, 300));
    assert.ok(posted.url.startsWith(toolUrl), 'redirects stay on the public https address');

    const deadline = Date.now() + 60_000;
    let score: { scoreGiven: number } | undefined;
    while (!score && Date.now() < deadline) {
      await sleep(500);
      score = participationItem(platform, course, communityId)?.scores.get('learner1');
    }
    assert.ok(score, 'a worker sent the participation score');
    assert.ok(score.scoreGiven > 0);
    await sleep(2_000); // room for a duplicate, if a second worker were to send it again
    const item = participationItem(platform, course, communityId)!;
    assert.equal(accepted(platform, item.id).filter((b) => b.userId === 'learner1').length, 1, 'sent once, by one of the two workers');
    const launches = app.logs.filter((l) => l.event === 'launch');
    assert.ok(launches.length >= 2);
    assert.ok(launches.every((l) => typeof l.req === 'string' && /^[0-9a-f]{32}$/.test(l.req)), 'launch lines carry the proxy’s request id');
  });
});
