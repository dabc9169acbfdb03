import { UniqueConstraintError, type Model, type Sequelize, type Transaction } from 'sequelize';
import { log } from '../log';

/**
 * The one place that opens a transaction (test/db/transactions.test.ts refuses any other
 * `.transaction(` under src/). Every write runs through `retryTransaction`, so a transaction the
 * database gave up on runs again instead of becoming a 500:
 *
 * - InnoDB deadlocks (1213) and lock-wait timeouts (1205); on Galera a certification conflict
 *   surfaces at COMMIT as 1213 too, which is why the whole transaction, commit included, is retried;
 * - SQLITE_BUSY, when another process holds the write lock past the busy timeout;
 * - optionally a lost insert race (find-then-create on a unique key): the next run finds the row.
 *
 * Counters are protected by row locks taken first (src/db/locks.ts); the retry covers what is left.
 */

const DEADLOCK = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);
const DEADLOCK_ERRNO = new Set([1213, 1205]);

export interface RetryOptions {
  /** Runs in all, first included (6 by default). */
  attempts?: number;
  /**
   * Also run again after a duplicate-key error (true by default): find-then-create code that lost
   * the race finds the other request's row the next time. Pass false where a duplicate means
   * "already done" and the caller handles it.
   */
  uniqueRaces?: boolean;
}

/** Is this a lock conflict the database resolved by cancelling our statement or transaction? */
export function isLockConflict(err: unknown): boolean {
  type Coded = { code?: string; errno?: number };
  const e = err as (Coded & { parent?: Coded; original?: Coded; message?: string }) | null;
  if (!e || typeof e !== 'object') return false;
  const cause: Coded = e.parent ?? e.original ?? e;
  if ((cause.code && DEADLOCK.has(cause.code)) || (cause.errno && DEADLOCK_ERRNO.has(cause.errno))) return true;
  return /Deadlock found|Lock wait timeout exceeded|SQLITE_BUSY/.test(e.message ?? '');
}

/** Errors a transaction can simply run again. */
export function isRetryable(err: unknown, uniqueRaces = true): boolean {
  return isLockConflict(err) || (uniqueRaces && err instanceof UniqueConstraintError);
}

/** Exponential backoff with full jitter (10 ms, 20 ms, 40 ms… capped at 800 ms), so the losers of one race do not collide again. */
export function backoffMs(attempt: number): number {
  const ceiling = Math.min(800, 10 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Run `work` in a transaction, and run it again (a bounded number of times, after a jittered
 * pause) when the database rolled it back over a lock conflict. The work must not have effects
 * outside the database that a second run would repeat wrongly; model instances it saved are put
 * back as they were before the failed run (see `trackInstances`), so `instance.update(…)` in the
 * second run writes again.
 */
export async function retryTransaction<T>(sequelize: Sequelize, work: (t: Transaction) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  trackInstances(sequelize);
  for (let attempt = 1; ; attempt++) {
    const saved = new Map<Model, Snapshot>();
    try {
      return await sequelize.transaction((t) => {
        snapshots.set(t, saved);
        return work(t);
      });
    } catch (err) {
      restore(saved);
      if (attempt >= attempts || !isRetryable(err, opts.uniqueRaces ?? true)) throw err;
      log.debug('transaction_retry', { attempt, error: (err as Error).message.slice(0, 200) });
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

/**
 * A transaction that must run exactly once, never again (bulk seeding, whose in-memory plan
 * advances as it writes). Still opened here so that this file stays the only one to do it.
 */
export function singleTransaction<T>(sequelize: Sequelize, work: (t: Transaction) => Promise<T>): Promise<T> {
  return retryTransaction(sequelize, work, { attempts: 1 });
}

/** The same retry, for single statements outside a transaction. */
export async function retryStatement<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

type Snapshot = { data: Record<string, unknown>; isNew: boolean };
type Tracked = Model & { _previousDataValues: Record<string, unknown>; _changed: Set<string>; isNewRecord: boolean };

const snapshots = new WeakMap<Transaction, Map<Model, Snapshot>>();
const tracking = new WeakSet<Sequelize>();

/**
 * Before an instance is saved inside a retried transaction, remember what the database held for
 * it. Sequelize marks the saved values as persisted even when the transaction later rolls back;
 * without this, a second run's `post.update({ bodyMd: '' })` would see "no change" and skip the
 * UPDATE. (A universal hook: it runs for every model of this Sequelize instance.)
 */
function trackInstances(sequelize: Sequelize): void {
  if (tracking.has(sequelize)) return;
  tracking.add(sequelize);
  sequelize.addHook('beforeSave', 'retryTransactionSnapshot', (instance: Model, options: { transaction?: Transaction | null }) => {
    const saved = options.transaction ? snapshots.get(options.transaction) : undefined;
    const m = instance as Tracked;
    if (saved && !saved.has(m)) saved.set(m, { data: { ...m._previousDataValues }, isNew: m.isNewRecord });
  });
}

function restore(saved: Map<Model, Snapshot>): void {
  for (const [instance, snap] of saved) {
    const m = instance as Tracked;
    m.dataValues = { ...snap.data };
    m._previousDataValues = { ...snap.data };
    m._changed = new Set();
    m.isNewRecord = snap.isNew;
  }
}
