/**
 * The community home's own cost, one request at a time, in one process: the real app (production
 * settings) over a database a bench run seeded, a session opened for Alex Smith (the member the
 * benchmark loads pages as), then GET /c/:id in a loop. Prints requests, latency and the process's
 * CPU time per request (user + system, the HTTP client included), which a busy shared machine
 * moves far less than req/s. `ROOT` points at another copy of the code (e.g. a `git archive` of an
 * earlier commit) to compare two versions on the same database, back to back.
 *
 *   npx tsx bench/home-cpu.ts /tmp/x/coper-bench-large.sqlite [seconds]
 *   ROOT=/tmp/before npx tsx bench/home-cpu.ts /tmp/x/coper-bench-large.sqlite 4
 *
 * `PAGE` loads another page of the community the same way (the path after /c/:id), e.g.
 * `PAGE='/search?q=évaluation formative'` or `PAGE=/analytics`.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'production'; // Express caches compiled views, as `npm start`
const ROOT = process.env.ROOT ?? path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const [file, seconds = '5'] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx bench/home-cpu.ts <seeded sqlite file> [seconds]');
  const { loadConfig } = await import(path.join(ROOT, 'src/config'));
  const { bootstrap } = await import(path.join(ROOT, 'src/bootstrap'));
  const { buildApp } = await import(path.join(ROOT, 'src/app'));
  const { createSession } = await import(path.join(ROOT, 'src/sessions/service'));
  const { withQueryCounter, currentQueryCount } = await import(path.join(ROOT, 'src/db'));
  const config = loadConfig({
    ...process.env, LTI_KEY: 'coper-bench-key-not-a-secret-0123456789', DATABASE_URL: `sqlite:${file}`, NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost:9', EMBEDDED_WORKER: 'false', ROSTER_SYNC_ON_LAUNCH: 'false', LOG_LEVEL: 'warn',
  });
  const rt = await bootstrap(config);
  const app = buildApp(config, rt.sequelize);
  // A session like the one the benchmark's launch opened (same user, platform, course and launch).
  const [s] = (await rt.sequelize.query(
    "SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.given_name = 'Alex' AND s.cohort_id IS NOT NULL ORDER BY s.created_at DESC LIMIT 1",
    { type: 'SELECT' },
  )) as Array<Record<string, unknown>>;
  if (!s) throw new Error('no launched session of Alex Smith in this database (seed it with npm run bench first)');
  const launch = typeof s.launch === 'string' ? JSON.parse(s.launch) : s.launch;
  const token = await createSession({ idleMinutes: 600, absoluteMinutes: 6000 }, { userId: s.user_id, platformId: s.platform_id, cohortId: s.cohort_id, launch });
  const [{ community_id: communityId }] = (await rt.sequelize.query(`SELECT community_id FROM cohorts WHERE id = ${Number(s.cohort_id)}`, { type: 'SELECT' })) as Array<{ community_id: number }>;

  const page = process.env.PAGE ? encodeURI(process.env.PAGE) : '';
  let statements = 0;
  const server = http.createServer((req, res) => withQueryCounter(() => {
    res.on('finish', () => (statements = currentQueryCount() ?? -1));
    app(req, res);
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () => new Promise<number>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: `/c/${communityId}${page}`, agent, headers: { cookie: `coper_session=${encodeURIComponent(token)}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    }).on('error', reject);
  });
  if ((await get()) !== 200) throw new Error(`/c/${communityId}${page} did not answer 200`);

  for (const [phase, ms] of [['warm-up', 2000], ['measure', Number(seconds) * 1000]] as const) {
    const times: number[] = [];
    const start = Date.now();
    const cpu = process.cpuUsage();
    while (Date.now() - start < ms) {
      const t = performance.now();
      await get();
      times.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    if (phase === 'warm-up') continue;
    times.sort((a, b) => a - b);
    const n = times.length;
    console.log(
      `${n} requests, ${(n / ((Date.now() - start) / 1000)).toFixed(0)} req/s, p50 ${times[n >> 1].toFixed(2)} ms, p95 ${times[Math.floor(n * 0.95)].toFixed(2)} ms, ` +
        `CPU ${((used.user + used.system) / 1000 / n).toFixed(2)} ms/request, SQL ${statements}, load ${os.loadavg()[0].toFixed(1)}`,
    );
  }
  server.close();
  agent.destroy();
  await rt.sequelize.close();
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
