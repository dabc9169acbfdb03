import { DatabaseError } from 'sequelize';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

function isRetryable(err: unknown): boolean {
  if (!(err instanceof DatabaseError)) return false;
  const code = (err.parent as { code?: string } | undefined)?.code;
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Run a transaction again when the database chose it as a deadlock victim. InnoDB may do so
 * when many INSERT … ON DUPLICATE KEY UPDATE race on one unique key (50 identical votes): the
 * work is idempotent, so a retry after a short random pause is the documented remedy.
 */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
