/**
 * Roster sync benchmark: time and SQL statements to sync 500 and 5,000 members served by the
 * development platform over real HTTP (pages of 100), on SQLite or MariaDB.
 *
 *   npx tsx bench/roster.ts                                              # SQLite (temporary file)
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/coper_bench npx tsx bench/roster.ts   # MariaDB (a database of its own)
 *
 * Each size runs three syncs of a fresh course: the first (everyone added), an unchanged
 * re-sync, and one where 10% changed (half role changes, half removals). Nothing is dropped:
 * on MariaDB the bench only adds its own platform, course and community rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { bootstrap } from '../src/bootstrap';
import { buildApp } from '../src/app';
import { queryCount } from '../src/db';
import { addPlatform } from '../src/lti/platforms';
import { resetPlatformOrigins } from '../src/web/security';
import { Cohort } from '../src/kernel/community';
import { syncCohortRoster } from '../src/lms/sync';
import { DevPlatform, ROLES, launch, type DevUser } from '../src/devplatform';

const SIZES = [500, 5000];

function people(n: number): DevUser[] {
  const out: DevUser[] = [{ id: 'instructor', name: 'Marie Tremblay', email: 'marie@example.org', roles: [ROLES.instructor] }];
  for (let i = 1; i < n; i++) out.push({ id: `m${i}`, givenName: `Given${i}`, familyName: `Family${i}`, name: `Given${i} Family${i}`, email: `m${i}@example.org`, roles: [ROLES.learner] });
  return out;
}

async function main(): Promise<void> {
  const sqliteFile = path.join(os.tmpdir(), `coper-bench-roster-${process.pid}.sqlite`);
  const url = process.env.DATABASE_URL ?? `sqlite:${sqliteFile}`;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = loadConfig({ ...process.env, DATABASE_URL: url, PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, LOG_LEVEL: 'error', ROSTER_SYNC_ON_LAUNCH: 'false' });
  const rt = await bootstrap(config);
  server.on('request', buildApp(config, rt.sequelize));
  const platform = new DevPlatform({ flavour: 'moodle', courses: [] });
  await platform.listen();
  const reg = platform.registration;
  platform.registerTool({ clientId: reg.clientId, deploymentId: reg.deploymentId, loginUrl: `${config.PUBLIC_URL}/lti/login`, launchUrl: `${config.PUBLIC_URL}/lti/launch`, jwksUrl: `${config.PUBLIC_URL}/lti/keys` });
  await addPlatform({ ...reg, deploymentIds: [reg.deploymentId], kind: 'moodle' });
  resetPlatformOrigins();

  const dialect = url.startsWith('sqlite') ? 'SQLite' : 'MariaDB';
  console.log(`Roster sync benchmark — ${dialect}, Node ${process.version}, ${os.cpus().length} CPU(s)\n`);
  console.log('| members | sync | pages | time (ms) | SQL statements | added | updated | deactivated |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const courseId = `bench-${n}-${Date.now().toString(36)}`;
    platform.addCourse({ id: courseId, title: `Bench ${n}`, label: `B${n}`, members: people(n) });
    await createCommunity(platform, config.PUBLIC_URL, courseId);
    const cohort = (await Cohort.findOne({ where: { contextId: courseId } }))!;
    const run = async (label: string) => {
      const q0 = queryCount.total;
      const t0 = performance.now();
      const out = await syncCohortRoster(cohort.id, { owner: 'bench', trigger: 'cli', full: true, fullSyncHours: 24 });
      const ms = performance.now() - t0;
      if (out.status !== 'ok') throw new Error(`sync failed: ${JSON.stringify(out)}`);
      const r = out.result;
      console.log(`| ${n} | ${label} | ${r.pages} | ${ms.toFixed(0)} | ${queryCount.total - q0} | ${r.added} | ${r.updated} | ${r.deactivated} |`);
    };
    await run('first (all new)');
    await run('unchanged');
    const changed = people(n)
      .filter((_, i) => i === 0 || i % 20 !== 0)
      .map((m, i) => (i > 0 && i % 20 === 1 ? { ...m, roles: [ROLES.mentor] } : m));
    platform.setRoster(courseId, changed);
    await run('10% changed');
  }
  await platform.close();
  server.closeAllConnections();
  server.close();
  await rt.sequelize.close();
  if (!process.env.DATABASE_URL) for (const s of ['', '-wal', '-shm']) fs.rmSync(sqliteFile + s, { force: true });
}

/** The instructor's first launch, then the setup form: the course becomes a community's cohort. */
async function createCommunity(platform: DevPlatform, toolUrl: string, courseId: string): Promise<void> {
  const first = await launch(platform, { userId: 'instructor', courseId });
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(first.text)?.[1] ?? '';
  const res = await first.agent.fetch(`${toolUrl}/setup/create`, {
    method: 'POST',
    form: { _s: field('_s'), _csrf: field('_csrf'), title: `Bench ${courseId}`, purpose: 'Mesurer la synchronisation de la liste.' },
  });
  if (!/\/c\/\d+/.test(res.url)) throw new Error(`community not created: ${res.status} ${res.url}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
