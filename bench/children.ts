/**
 * Child processes of the benchmark (the tool under test, the bare ltijs baseline) and the
 * databases they run on: emptied, then migrated by the child's own bootstrap.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createSequelize } from '../src/db';
import { migrateUp } from '../src/db/migrator';
import { emptyDatabase } from '../test/helpers/db';

export interface Child {
  process: ChildProcess;
  port: number;
  ceilingPort?: number;
  stop: () => Promise<void>;
  /** Ask the child for the SQL statement counts of the requests since the last reset. */
  queries: () => Promise<Array<[string, number]>>;
  reset: () => void;
}

/** A free TCP port (the child listens on it; nothing else runs here meanwhile). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fork bench/<file> with tsx (NODE_ENV=production, as `npm start`: Express caches compiled views) and wait for its {type:'ready'} message. */
export async function startChild(file: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  // BENCH_PROFILE=1: each child writes a V8 CPU profile to bench/out/prof/ when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(__dirname, 'out', 'prof')}`] : [];
  const child = fork(path.join(__dirname, file), [], { execArgv: ['--import', 'tsx', ...profile], env: { LTI_KEY: 'coper-bench-key-not-a-secret-0123456789', ...process.env, NODE_ENV: 'production', ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ port: number; ceilingPort?: number }>((resolve, reject) => {
    child.on('message', (m: { type: string; port: number; ceilingPort?: number }) => m.type === 'ready' && resolve(m));
    child.once('exit', (code) => reject(new Error(`${file} exited with code ${code} before it was ready`)));
  });
  return {
    process: child,
    port: ready.port,
    ceilingPort: ready.ceilingPort,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    reset: () => child.send({ type: 'reset' }),
    queries: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; counts: Array<[string, number]> }) => {
          if (m.type !== 'queries') return;
          child.off('message', onMessage);
          resolve(m.counts);
        };
        child.on('message', onMessage);
        child.send({ type: 'collect' });
      }),
  };
}

/** A MariaDB/MySQL database of the benchmark is created on the server when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite')) return;
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`not a database name: ${name}`);
  u.pathname = '/';
  const server = createSequelize(u.toString());
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.close();
  }
}

/** Empty a database (SQLite file removed, MariaDB tables dropped) and migrate it: a fresh one. */
export async function freshDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  await emptyDatabase(url);
  const sequelize = createSequelize(url);
  try {
    await migrateUp(sequelize);
  } finally {
    await sequelize.close();
  }
}

/** The server version of a database, for the report. */
export async function databaseVersion(url: string): Promise<string> {
  await ensureDatabase(url);
  const sequelize = createSequelize(url);
  try {
    const [rows] = (await sequelize.query(url.startsWith('sqlite') ? 'SELECT sqlite_version() AS v' : 'SELECT VERSION() AS v')) as [Array<{ v: string }>, unknown];
    return `${url.startsWith('sqlite') ? 'SQLite' : 'MariaDB/MySQL'} ${rows[0].v}`;
  } finally {
    await sequelize.close();
  }
}
