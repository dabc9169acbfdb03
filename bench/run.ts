/**
 * `npm run bench`: how fast CoPeR serves a community, and how that grows with its size.
 *
 * For each engine (SQLite, MariaDB) and size (small, large = 10× small), a fresh database is
 * seeded (src/seed) with a community linked to a course of the development platform; the tool
 * runs in a child process (bench/tool-server.ts) and is loaded with autocannon page by page, each
 * page compared with its ceiling (the same template and data from memory, no database); launches
 * run through the platform and are compared with a bare ltijs tool (bench/bare-ltijs.ts).
 * See bench/README.md; results in bench/RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DevPlatform, sampleCourse, launch, ROLES, type LaunchResult, type DevUser } from '../src/devplatform';
import { SESSION_COOKIE } from '../src/sessions/carrier';
import { createSequelize } from '../src/db';
import { initModels } from '../src/features';
import { Platform, Deployment } from '../src/kernel/platform';
import { Community, Membership } from '../src/kernel/community';
import { recordActivity } from '../src/activity/model';
import { storedPoints } from '../src/participation/stored';
import { seedCommunity, type SeedResult } from '../src/seed';
import { samplePeople } from '../src/seed/demo';
import { startChild, freshDatabase, databaseVersion, type Child } from './children';
import { loadUrl, loadLaunches, loadBurst, sampleRss, distribution } from './load';
import { renderReport, type PageRow, type RunSection, type LaunchRow } from './report';

const COURSE = 'bench-course';
const USERS = ['instructor', 'ta', 'learner1', 'learner2', 'learner3', 'mentor'];
const SEARCH = 'évaluation formative';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,mariadb' },
    sizes: { type: 'string', default: 'small,large' },
    small: { type: 'string', default: '500,10000,1000' },
    large: { type: 'string', default: '5000,100000,10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'launch-concurrency': { type: 'string', default: '4' },
    mysql: { type: 'string', default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306' },
    out: { type: 'string', default: path.join(__dirname, 'out', 'last-run.md') },
    pages: { type: 'string', default: 'home,thread,resources,members,search,dashboard,launch,burst' },
    'burst-users': { type: 'string', default: '300' },
    'burst-seconds': { type: 'string', default: '10' },
    'no-bare': { type: 'boolean', default: false },
    // MariaDB databases are named <prefix>_small and <prefix>_large: two runs side by side need two prefixes.
    'db-prefix': { type: 'string', default: 'bench' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const launchConcurrency = Number(args['launch-concurrency']);
const size = (name: 'small' | 'large') => {
  const [members, posts, resources] = args[name]!.split(',').map(Number);
  return { members, posts, resources, label: `${members.toLocaleString('en')} members / ${posts.toLocaleString('en')} posts / ${resources.toLocaleString('en')} resources` };
};
const dbUrl = (engine: string, name: string) => (engine === 'sqlite' ? `sqlite:${path.join(os.tmpdir(), `coper-bench-${name}.sqlite`)}` : `${args.mysql!.replace(/\/$/, '')}/${args['db-prefix']}_${name}`);
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

/** Seed the community of one size, linked to the bench course of the platform registered by the tool. */
async function seed(url: string, which: 'small' | 'large', platform: DevPlatform): Promise<SeedResult & { burst: DevUser[] }> {
  const sequelize = createSequelize(url);
  initModels(sequelize);
  try {
    const reg = platform.registration;
    const row = (await Platform.findOne({ where: { issuer: reg.issuer, clientId: reg.clientId } }))!;
    const deployment = (await Deployment.findOne({ where: { platformId: row.id, deploymentId: reg.deploymentId } }))!;
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const { members, posts, resources } = size(which);
    const seeded = await seedCommunity(sequelize, {
      members, posts, resources, seed: 9, now, months: 8, domain: 'teaching', title: `Bench ${which}`, people: samplePeople(),
      course: { platformId: row.id, deploymentRowId: deployment.id, contextId: COURSE, contextTitle: 'Bench course' },
    });
    await communityInUse(seeded.communityId);
    // The burst's members: seeded learners who launched before (returning members, as a class on its second day).
    const [people] = (await sequelize.query(
      `SELECT u.sub, u.given_name AS givenName, u.family_name AS familyName, u.name, u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.community_id = :c AND m.status = 'active' AND m.role = 'member' AND m.role_override IS NULL AND m.last_launch_at IS NOT NULL AND u.erased_at IS NULL
       ORDER BY m.id LIMIT :n`,
      { replacements: { c: seeded.communityId, n: Number(args['burst-users']) } },
    )) as [Array<{ sub: string; givenName: string | null; familyName: string | null; name: string | null; email: string | null; locale: string | null }>, unknown];
    const burst = people.map((p) => ({ id: p.sub, givenName: p.givenName ?? undefined, familyName: p.familyName ?? undefined, name: p.name ?? undefined, email: p.email ?? undefined, locale: p.locale ?? undefined, roles: [ROLES.learner] }));
    return { ...seeded, burst };
  } finally {
    await sequelize.close();
  }
}

/**
 * The community as a facilitator finds it in the middle of a course: its members' points were
 * computed and kept when the dashboard was last opened (`storedPoints`, src/participation/stored.ts).
 */
async function communityInUse(communityId: number): Promise<void> {
  const community = (await Community.findByPk(communityId))!;
  const members = await Membership.findAll({ where: { communityId }, attributes: ['id'], order: [['id', 'ASC']] });
  await storedPoints(community, members.map((m) => m.id));
}

/** The Cookie header of a launched browser's session (the launch must have landed on a community). */
function sessionCookie(page: LaunchResult): string {
  const token = page.agent.cookies.get(new URL(page.url).host)[SESSION_COOKIE];
  if (page.status !== 200 || !token || !/\/c\/\d+$/.test(page.url)) throw new Error(`launch failed: ${page.status} ${page.url}`);
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
}

function toolUrls(platform: DevPlatform, port: number): void {
  const base = `http://localhost:${port}/lti`;
  platform.registerTool({ clientId: platform.registration.clientId, deploymentId: platform.registration.deploymentId, loginUrl: `${base}/login`, launchUrl: `${base}/launch`, jwksUrl: `${base}/keys` });
}

/** Launches through a bare ltijs tool on a fresh database of the engine. */
async function bareLaunches(engine: string, platform: DevPlatform): Promise<LaunchRow['bare']> {
  const url = dbUrl(engine, 'small');
  await freshDatabase(url);
  const bare = await startChild('bare-ltijs.ts', { DATABASE_URL: url, BENCH_PLATFORM: JSON.stringify(platform.registration) });
  try {
    toolUrls(platform, bare.port);
    await loadLaunches(platform, COURSE, USERS, /\/lti\/launch$/, 1, 1);
    platform.jwksFetches = 0;
    const result = await loadLaunches(platform, COURSE, USERS, /\/lti\/launch$/, launchConcurrency, duration);
    log(`bare ltijs: ${result.rate.toFixed(1)} launches/s, ${platform.jwksFetches} JWKS fetches`);
    return result;
  } finally {
    await bare.stop();
  }
}

/**
 * The burst: distinct returning members launching through to the home within a few seconds, on the
 * tool, then the same burst on a bare ltijs tool over a fresh database of the engine (`bench_bare`
 * on MariaDB); the platform points at the tool again after.
 */
async function burstScenario(engine: string, platform: DevPlatform, people: DevUser[], toolPort: number): Promise<NonNullable<LaunchRow['burst']>> {
  const seconds = Number(args['burst-seconds']);
  const course = platform.courses.get(COURSE)!;
  const known = new Set(course.members.map((m) => m.id));
  course.members.push(...people.filter((p) => !known.has(p.id)));
  const users = people.map((p) => p.id);
  const coper = await loadBurst(platform, COURSE, users, /\/c\/\d+$/, seconds);
  log(`burst: ${coper.total} of ${users.length} members on the home in ${coper.spanS.toFixed(1)} s, p95 ${coper.p95.toFixed(0)} ms, ${coper.failures} errors`);
  if (args['no-bare']) return { users: users.length, seconds, coper, bare: null };
  const url = dbUrl(engine, 'bare');
  await freshDatabase(url);
  const bare = await startChild('bare-ltijs.ts', { DATABASE_URL: url, BENCH_PLATFORM: JSON.stringify(platform.registration) });
  try {
    toolUrls(platform, bare.port);
    await loadLaunches(platform, COURSE, USERS, /\/lti\/launch$/, 1, 1);
    const result = await loadBurst(platform, COURSE, users, /\/lti\/launch$/, seconds);
    log(`burst on bare ltijs: ${result.total} in ${result.spanS.toFixed(1)} s, p95 ${result.p95.toFixed(0)} ms, ${result.failures} errors`);
    return { users: users.length, seconds, coper, bare: result };
  } finally {
    await bare.stop();
    toolUrls(platform, toolPort);
  }
}

/**
 * A member replies (a real activity, through the listeners, from this process's own connection):
 * the change after which the dashboard's first request is timed once the tool is warm.
 */
async function memberReplies(url: string, communityId: number): Promise<void> {
  const sequelize = createSequelize(url);
  initModels(sequelize);
  try {
    const who = (await Membership.findOne({ where: { communityId, role: 'member' }, attributes: ['id', 'userId'], order: [['id', 'DESC']] }))!;
    await sequelize.transaction((t) => recordActivity({ communityId, userId: who.userId, membershipId: who.id, verb: 'post.reply', subject: { type: 'post', id: 0 }, data: { length: 300 } }, t));
  } finally {
    await sequelize.close();
  }
}

/** One page under load, then its ceiling; with `change`, the first request after it too. */
async function measurePage(tool: Child, name: string, pathAndQuery: string, cookie: string, change?: () => Promise<void>): Promise<PageRow> {
  const url = `http://127.0.0.1:${tool.port}${pathAndQuery}`;
  const headers = { cookie };
  // The first request finds every cache empty: its time is what the first visitor after a change waits.
  const t0 = performance.now();
  const captured = await fetch(url, { headers: { ...headers, 'x-bench-capture': name } });
  await captured.arrayBuffer();
  const firstMs = performance.now() - t0;
  if (captured.status !== 200) throw new Error(`${name}: ${captured.status} at ${pathAndQuery}`);
  await loadUrl(url, connections, Math.min(3, duration), headers);
  tool.reset();
  const rss = sampleRss(tool.process.pid!);
  const real = await loadUrl(url, connections, duration, headers);
  const rssMb = rss.stop();
  const queries = distribution((await tool.queries()).map(([, n]) => n));
  // Latency without queueing: one client at a time (the p95 target for search is read here).
  const single = await loadUrl(url, 1, Math.min(5, duration), headers);
  let afterChangeMs: number | undefined;
  if (change) {
    await change();
    const t1 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    afterChangeMs = performance.now() - t1;
    if (res.status !== 200) throw new Error(`${name}: ${res.status} after a change`);
  }
  const ceilingUrl = `http://127.0.0.1:${tool.ceilingPort}/page/${name}`;
  await loadUrl(ceilingUrl, connections, 1);
  const ceiling = await loadUrl(ceilingUrl, connections, duration);
  log(`${name}: first ${firstMs.toFixed(0)} ms, ${real.rate.toFixed(0)} req/s (ceiling ${ceiling.rate.toFixed(0)}), p95 ${real.p95.toFixed(1)} ms (1 client: ${single.p95.toFixed(1)} ms), SQL ${queries.text}${afterChangeMs === undefined ? '' : `, after a change ${afterChangeMs.toFixed(0)} ms`}, load ${os.loadavg()[0].toFixed(1)}${real.failures ? `, ${real.failures} failed (${JSON.stringify(real.failed)})` : ''}`);
  return { page: name, firstMs, afterChangeMs, real, single, ceiling, queries, rssMb, load: os.loadavg()[0] };
}

async function runSize(engine: string, which: 'small' | 'large', platform: DevPlatform, bare: LaunchRow['bare']): Promise<RunSection> {
  const url = dbUrl(engine, which);
  await freshDatabase(url);
  const tool = await startChild('tool-server.ts', { DATABASE_URL: url, BENCH_PLATFORM: JSON.stringify({ ...platform.registration, deploymentIds: [platform.registration.deploymentId], kind: 'moodle' }) });
  try {
    log(`${engine} ${which}: seeding…`);
    const seeded = await seed(url, which, platform);
    log(`${engine} ${which}: seeded ${seeded.counts.posts} posts in ${(seeded.ms / 1000).toFixed(1)} s`);
    toolUrls(platform, tool.port);
    platform.jwksFetches = 0;
    // Pages are loaded with the session cookie the launch set (carrier 1, src/sessions/carrier.ts).
    const member = sessionCookie(await launch(platform, { userId: 'learner1', courseId: COURSE }));
    // The facilitator dashboard is the instructor's (a facilitator's) page.
    const staff = sessionCookie(await launch(platform, { userId: 'instructor', courseId: COURSE }));
    const c = `/c/${seeded.communityId}`;
    const pages: PageRow[] = [];
    const wanted = args.pages!.split(',');
    const all: Array<[string, string, string, string]> = [
      ['home', 'community home', c, member],
      ['thread', 'thread (500 posts), page 1', `${c}/threads/${seeded.longThreadId}`, member],
      ['resources', 'resource library', `${c}/resources`, member],
      ['members', 'member directory', `${c}/members`, member],
      ['search', `search "${SEARCH}"`, `${c}/search?q=${encodeURIComponent(SEARCH)}`, member],
      ['dashboard', 'facilitator dashboard', `${c}/analytics`, staff],
    ];
    // The dashboard's target is its first request after a member's contribution (its figures are kept until the community changes).
    const change = (key: string) => (key === 'dashboard' ? () => memberReplies(url, seeded.communityId) : undefined);
    for (const [key, name, p, cookie] of all) if (wanted.includes(key)) pages.push(await measurePage(tool, name, p, cookie, change(key)));
    tool.reset();
    const none = { rate: NaN, p50: NaN, p95: NaN, p99: NaN, total: 0, failures: 0 };
    const real = wanted.includes('launch') ? await loadLaunches(platform, COURSE, USERS, /\/c\/\d+$/, launchConcurrency, duration) : none;
    const launchQueries = (await tool.queries()).reduce((sum, [, n]) => sum + n, 0);
    // The same launches stopped at the tool's answer to the id_token post (its redirect), like the bare ltijs page.
    const alone = wanted.includes('launch') ? await loadLaunches(platform, COURSE, USERS, /\/c\/\d+$/, launchConcurrency, duration, { stopAtLaunchResponse: true }) : none;
    const launches = real.total + real.failures + alone.total + alone.failures + 2;
    const jwksFetches = platform.jwksFetches;
    const burst = wanted.includes('burst') ? await burstScenario(engine, platform, seeded.burst, tool.port) : undefined;
    if (wanted.includes('launch')) log(`launch: ${real.rate.toFixed(1)}/s to the home, ${alone.rate.toFixed(1)}/s to the redirect (bare ltijs ${bare?.rate.toFixed(1)}), ${platform.jwksFetches} JWKS fetches in ${launches} launches`);
    return {
      engine: engine === 'sqlite' ? 'SQLite' : 'MariaDB', size: which, label: size(which).label,
      seed: { ms: seeded.ms, rows: Object.values(seeded.counts).reduce((a, b) => a + b, 0), posts: seeded.counts.posts ?? 0 },
      pages, launch: { real, alone, bare, queriesPerLaunch: launchQueries / Math.max(1, real.total + real.failures), jwksFetches, launches, burst },
    };
  } finally {
    await tool.stop();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const platform = new DevPlatform({ flavour: 'moodle', courses: [{ ...sampleCourse(), id: COURSE, title: 'Bench course', label: 'BENCH' }] });
  await platform.listen();
  const sections: RunSection[] = [];
  const versions: string[] = [];
  try {
    for (const engine of args.engines!.split(',')) {
      versions.push(await databaseVersion(dbUrl(engine, 'small')));
      const bare = args['no-bare'] || !args.pages!.includes('launch') ? null : await bareLaunches(engine, platform);
      for (const which of args.sizes!.split(',') as Array<'small' | 'large'>) sections.push(await runSize(engine, which, platform, bare));
    }
  } finally {
    await platform.close();
  }
  const report = renderReport({ command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), started, versions: versions.join(', '), load: `autocannon, ${connections} connections, ${duration} s per page after a 3 s warm-up; the ceiling the same; launches: ${launchConcurrency} concurrent loops for ${duration} s` }, sections);
  fs.mkdirSync(path.dirname(args.out!), { recursive: true });
  fs.writeFileSync(args.out!, report + '\n');
  process.stdout.write(report + '\n');
  log(`written to ${args.out}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
