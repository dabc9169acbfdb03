import crypto from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { Config } from '../config';
import { DomainError } from '../kernel/errors';
import { rateLimited } from '../metrics';
import { routeLabel } from './request-scope';
import { log } from '../log';
import { retryTransaction } from '../db/retry';
import { upsertSql, type UpsertSpec } from '../db/upsert';

/**
 * Rate limits that hold across every app process: a fixed one-minute window per (rule, subject),
 * counted in the `rate_limits` table with one atomic upsert. A database that cannot count lets
 * the request through (logged): a limiter must never take the site down.
 */
export type RateRule = 'launch' | 'login' | 'write';

const WINDOW_MS = 60_000;

export function limitFor(config: Config, rule: RateRule): number {
  return { launch: config.RATE_LIMIT_LAUNCH_PER_MINUTE, login: config.RATE_LIMIT_LOGIN_PER_MINUTE, write: config.RATE_LIMIT_WRITE_PER_MINUTE }[rule];
}

/** One more hit in a bucket (the first inserts it with 1). */
const HIT: UpsertSpec = { table: 'rate_limits', columns: ['bucket', 'hits', 'expires_at'], key: ['bucket'], merge: [['hits', 'increment']] };

/** Count one hit for (rule, subject); how many hits the window holds, and the seconds until it ends. */
export async function countHit(sequelize: Sequelize, rule: RateRule, subject: string, now = Date.now()): Promise<{ hits: number; retryAfter: number }> {
  const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const bucket = crypto.createHash('sha256').update(`${rule}|${subject}|${start}`).digest('hex');
  const expires = new Date(start + WINDOW_MS);
  const retryAfter = Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
  const upsert = upsertSql(sequelize.getDialect(), HIT, 1);
  // One short transaction: the upsert's row lock (InnoDB) or write lock (SQLite) holds until the
  // read, so each caller reads its own count, exactly.
  const hits = await retryTransaction(sequelize, async (transaction) => {
    await sequelize.query(upsert, { replacements: [bucket, 1, expires], transaction });
    const rows = await sequelize.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE bucket = ?', { replacements: [bucket], type: QueryTypes.SELECT, transaction });
    return Number(rows[0]?.hits ?? 1);
  });
  return { hits, retryAfter };
}

/**
 * Throw a 429 (a friendly page in the reader's language, `Retry-After` set) when `subject` went
 * over the rule's limit this minute. A limit of 0 turns the rule off.
 */
export async function enforceRateLimit(config: Config, sequelize: Sequelize, rule: RateRule, subject: string, req: Request, res: Response): Promise<void> {
  const limit = limitFor(config, rule);
  if (!limit) return;
  let counted: { hits: number; retryAfter: number };
  try {
    counted = await countHit(sequelize, rule, subject);
  } catch (err) {
    log.warn('rate_limit_unavailable', { rule, error: (err as Error).message });
    return;
  }
  if (counted.hits <= limit) return;
  rateLimited.inc({ rule });
  log.warn('rate_limited', { rule, route: routeLabel(req), hits: counted.hits, limit });
  res.setHeader('Retry-After', String(counted.retryAfter));
  throw new DomainError('too_many', 'errors.rate_limited', { seconds: counted.retryAfter });
}

/** Middleware for the LTI endpoints (no session yet): the subject is the client's address. */
export function rateLimitByAddress(config: Config, sequelize: Sequelize, rule: RateRule): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    await enforceRateLimit(config, sequelize, rule, `ip:${req.ip ?? 'unknown'}`, req, res);
    next();
  };
}

/** Forget finished windows (housekeeping). */
export async function purgeRateLimits(sequelize: Sequelize, now = new Date()): Promise<void> {
  await sequelize.query('DELETE FROM rate_limits WHERE expires_at < ?', { replacements: [now] });
}
