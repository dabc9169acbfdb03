import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Sequelize, Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'mysql';

/** Counts SQL statements, process-wide and per request (benchmarks read it; see bench/). */
export const queryCount = { total: 0 };
const requestCounter = new AsyncLocalStorage<{ queries: number }>();

/** Run `fn` with a per-request SQL statement counter; read it with `currentQueryCount()`. */
export function withQueryCounter<T>(fn: () => T): T {
  return requestCounter.run({ queries: 0 }, fn);
}
export function currentQueryCount(): number | undefined {
  return requestCounter.getStore()?.queries;
}

/** Parse DATABASE_URL: `sqlite:relative/or/absolute.sqlite`, `sqlite::memory:`, or `mysql://…`. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; storage?: string; uri?: string } {
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!storage) throw new Error('DATABASE_URL: sqlite needs a file path, e.g. sqlite:data/coper.sqlite');
    return { dialect: 'sqlite', storage };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) return { dialect: 'mysql', uri: url.replace(/^mariadb:/, 'mysql:') };
  throw new Error(`DATABASE_URL: unsupported scheme in ${url.split(':')[0]}: (use sqlite: or mysql://)`);
}

/** Build the app's one Sequelize instance. SQLite gets WAL, a busy timeout and foreign keys. */
export function createSequelize(url: string, opts: { logSql?: boolean } = {}): Sequelize {
  const parsed = parseDatabaseUrl(url);
  const logging = (sql: string) => {
    queryCount.total++;
    const store = requestCounter.getStore();
    if (store) store.queries++;
    if (opts.logSql) process.stdout.write(sql + '\n');
  };
  const define = { underscored: true, timestamps: true };
  if (parsed.dialect === 'sqlite') {
    const storage = parsed.storage!;
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    const sequelize = new Sequelize({
      dialect: 'sqlite',
      storage,
      logging,
      define,
      // IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy timeout instead of deadlocking.
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
    configureSqliteConnections(sequelize);
    serializeSqliteTransactions(sequelize);
    return sequelize;
  }
  return new Sequelize(parsed.uri!, {
    dialect: 'mysql',
    logging,
    define: { ...define, charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    dialectOptions: { charset: 'utf8mb4', dateStrings: false, supportBigNumbers: true },
    timezone: '+00:00',
    pool: { max: 10, min: 0, idle: 30_000, acquire: 30_000 },
  });
}

/** Is the database reachable? Used by /healthz and before ltijs deploys (ltijs exits the process on failure). */
export async function pingDatabase(sequelize: Sequelize): Promise<boolean> {
  try {
    await sequelize.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

type SqliteConnection = {
  configure: (option: 'busyTimeout', ms: number) => void;
  run: (sql: string, cb: (err: Error | null) => void) => void;
  coperReady?: boolean;
};

/**
 * Sequelize opens one SQLite connection per transaction and offers no afterConnect hook for
 * SQLite: wrap getConnection so each new connection waits on locks (busy timeout) and uses WAL.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection: (o: unknown) => Promise<SqliteConnection> };
  const original = manager.getConnection.bind(manager);
  manager.getConnection = async (options: unknown) => {
    const conn = await original(options);
    if (!conn.coperReady) {
      conn.coperReady = true;
      conn.configure('busyTimeout', 15_000);
      await new Promise<void>((resolve) => conn.run('PRAGMA journal_mode=WAL', () => resolve()));
      await new Promise<void>((resolve) => conn.run('PRAGMA synchronous=NORMAL', () => resolve()));
    }
    return conn;
  };
}

const inSqliteTransaction = new AsyncLocalStorage<true>();

/**
 * SQLite has one writer at a time. node-sqlite3 runs each statement on libuv's small thread pool,
 * and a connection waiting for the write lock holds its thread: four concurrent transactions could
 * starve the one holding the lock until the busy timeout. Queue managed transactions in-process
 * instead (a transaction started inside another one runs directly, so nesting cannot deadlock).
 */
function serializeSqliteTransactions(sequelize: Sequelize): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const managed = args.some((a) => typeof a === 'function');
    if (!managed || inSqliteTransaction.getStore()) return original(...args);
    const run = () => inSqliteTransaction.run(true, () => original(...args));
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}
