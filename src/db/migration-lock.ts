import fs from 'node:fs';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { QueryTypes } from 'sequelize';

const LOCK_NAME = 'coper_migrations';
const WAIT_SECONDS = 600;

/**
 * Run `work` (the migrations) while holding a lock that every process of this installation
 * shares, so that several processes started together (a deployment, WEB_CONCURRENCY, workers)
 * migrate once: the first one migrates, the others wait, then find nothing pending.
 * MariaDB/MySQL: a named lock (GET_LOCK) held on one pinned connection — released by the server
 * if the process dies. SQLite (one host): a lock file beside the database, taken over when the
 * process that wrote it is gone.
 */
export async function withMigrationLock<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<{ result: T; waitedMs: number }> {
  const started = Date.now();
  if (sequelize.getDialect() !== 'sqlite') return withNamedLock(sequelize, work, started);
  const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage ?? ':memory:';
  if (storage === ':memory:') return { result: await work(), waitedMs: 0 };
  return withLockFile(`${path.resolve(storage)}.migrate-lock`, work, started);
}

async function withNamedLock<T>(sequelize: Sequelize, work: () => Promise<T>, started: number): Promise<{ result: T; waitedMs: number }> {
  // A transaction pins one pool connection for as long as we hold the lock; GET_LOCK itself is not transactional.
  const pinned = await sequelize.transaction();
  try {
    const [row] = await sequelize.query<{ got: number | null }>(`SELECT GET_LOCK('${LOCK_NAME}', ${WAIT_SECONDS}) AS got`, { type: QueryTypes.SELECT, transaction: pinned });
    if (Number(row?.got) !== 1) throw new Error(`Another process has held the migration lock for ${WAIT_SECONDS} s; is a migration stuck?`);
    const waitedMs = Date.now() - started;
    try {
      return { result: await work(), waitedMs };
    } finally {
      await sequelize.query(`SELECT RELEASE_LOCK('${LOCK_NAME}')`, { type: QueryTypes.SELECT, transaction: pinned });
    }
  } finally {
    await pinned.commit().catch(() => undefined);
  }
}

function holderAlive(file: string): boolean {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' || (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

async function withLockFile<T>(file: string, work: () => Promise<T>, started: number): Promise<{ result: T; waitedMs: number }> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!holderAlive(file)) fs.rmSync(file, { force: true }); // its process died mid-migration
      else if (Date.now() - started > WAIT_SECONDS * 1000) throw new Error(`Another process has held ${file} for ${WAIT_SECONDS} s; is a migration stuck?`);
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  const waitedMs = Date.now() - started;
  try {
    return { result: await work(), waitedMs };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
