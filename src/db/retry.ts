import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';

/** Errors a transaction can simply run again: a deadlock (MariaDB 1213), a lock wait, SQLite busy, a lost insert race. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof UniqueConstraintError) return true;
  const e = err as { parent?: { code?: string; errno?: number }; original?: { code?: string }; message?: string };
  const code = e.parent?.code ?? e.original?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY' || /Deadlock found|SQLITE_BUSY/.test(e.message ?? '');
}

/**
 * Run `work` in a transaction, again (up to `attempts` times, with a short jittered pause) when it
 * loses a race another request won: find-then-create on a unique key, or an InnoDB deadlock.
 * The work must be safe to repeat, which a rolled-back transaction guarantees.
 */
export async function retryTransaction<T>(sequelize: Sequelize, work: (t: Transaction) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(work);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 15 * 2 ** attempt + Math.random() * 25));
    }
  }
}

/** The same, for single statements outside a transaction. */
export async function retryStatement<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
