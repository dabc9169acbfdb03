/**
 * The gradebook outbox sender. Any number of workers (the one inside `npm start`, `npm run
 * worker`, the CLI, a facilitator's "send now") may run at once on one MariaDB: each claims
 * members' sync rows with one atomic `UPDATE … WHERE lease free`, so one member's column is
 * only ever sent by one of them; a dead worker's lease expires and another takes over.
 *
 * For each claimed member it keeps only the latest pending change (older ones are superseded:
 * coalescing), computes the score once and stores it on the row before sending (so a replay
 * sends the same body with the same timestamp), skips it when the LMS already holds that value,
 * and records the answer: sent; superseded (the LMS holds this or a later score: Moodle 409,
 * Canvas 400 "before last updated"); retried later with backoff and jitter, honouring
 * Retry-After (429, 5xx, timeouts); or parked as failed with the platform's message (400, 403,
 * 404, 422: a person must act).
 */
import { Op } from 'sequelize';
import { Cohort, Community } from '../kernel/community';
import { Platform } from '../kernel/platform';
import { User } from '../users/model';
import { log } from '../log';
import { scoreSends } from '../metrics';
import { ScoreOutbox, ScoreSync } from './model';
import { commentLang, scoreValues } from './sources';
import { forgetColumn, resolveColumn } from './columns';
import { asLmsError } from '../lms/errors';
import { publishScore, type ScoreAnswer, type ScoreBody } from '../lms/ags';
import { workerId } from '../lms/lease';

/** Timing of the sender; tests shorten the waits, not the logic. */
export const scorePolicy = {
  baseDelayMs: 15_000,
  maxDelayMs: 3600_000,
  leaseMs: 2 * 60_000,
  batch: 50,
  concurrency: 4,
  random: Math.random,
};

/**
 * Test hooks. `afterAccepted` runs after the LMS answered 2xx and before the database records
 * it: throwing there is a worker killed at the worst moment (the row stays pending, the lease
 * expires, and the next worker resends the same body with the same timestamp).
 */
export const senderHooks: { afterAccepted?: (row: ScoreOutbox) => Promise<void> | void } = {};

/** What one run did. */
export interface SendStats {
  sent: number;
  superseded: number;
  unchanged: number;
  failed: number;
  retrying: number;
  errors: number;
}

/** Backoff before attempt n+1: base × 2^(n−1), capped, with ±50 % jitter; never before Retry-After. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(scorePolicy.baseDelayMs * 2 ** Math.max(0, attempts - 1), scorePolicy.maxDelayMs);
  const jittered = backoff * (0.5 + scorePolicy.random());
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}

/** Claim up to `batch` members with due changes; returns the sync rows this owner now holds. */
export async function claimDue(owner: string, filter: { communityId?: number } = {}, now = new Date()): Promise<ScoreSync[]> {
  const free = { [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] };
  // Candidates: members with a due change whose lease is free (a dead worker's members are not in the way).
  const due = (await ScoreOutbox.findAll({
    attributes: ['syncId'],
    where: { status: 'pending', [Op.or]: [{ nextAttemptAt: null }, { nextAttemptAt: { [Op.lte]: now } }], ...(filter.communityId ? { communityId: filter.communityId } : {}) },
    include: [{ model: ScoreSync, as: 'sync', attributes: [], where: free, required: true }],
    group: ['syncId'],
    limit: scorePolicy.batch,
    raw: true,
  })) as unknown as Array<{ syncId: number }>;
  if (!due.length) return [];
  const ids = due.map((d) => d.syncId);
  // The claim itself: one UPDATE that matches only leases still free, so two workers never both win a member.
  await ScoreSync.update({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + scorePolicy.leaseMs) }, { where: { id: ids, ...free } });
  return ScoreSync.findAll({ where: { id: ids, leaseOwner: owner } });
}

/** Send every due change (of one community, or all) until none is due or `maxMs` passed. */
export async function runScoreOutbox(opts: { owner?: string; communityId?: number; maxMs?: number; onProgress?: (s: SendStats) => void; signal?: AbortSignal } = {}): Promise<SendStats> {
  const owner = opts.owner ?? workerId('scores');
  const stats: SendStats = { sent: 0, superseded: 0, unchanged: 0, failed: 0, retrying: 0, errors: 0 };
  const until = Date.now() + (opts.maxMs ?? 50_000);
  // Shutting down (signal): finish the batch in hand, claim no more.
  while (Date.now() < until && !opts.signal?.aborted) {
    const claimed = await claimDue(owner, { communityId: opts.communityId });
    if (!claimed.length) break;
    await inParallel(claimed, scorePolicy.concurrency, async (sync) => {
      try {
        const outcome = await sendMember(sync);
        if (outcome) (stats[outcome]++, scoreSends.inc({ outcome }));
        await release(sync.id, owner);
      } catch (err) {
        // Unexpected (database down, a simulated crash): touch nothing; the lease expires.
        stats.errors++;
        scoreSends.inc({ outcome: 'error' });
        log.error('score_send_failed', { sync: sync.id, error: (err as Error).message });
      }
      opts.onProgress?.(stats);
    });
    if (stats.errors) break;
  }
  return stats;
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function release(syncId: number, owner: string): Promise<void> {
  await ScoreSync.update({ leaseOwner: null, leaseUntil: null }, { where: { id: syncId, leaseOwner: owner } });
}

type Outcome = keyof Omit<SendStats, 'errors'> | null;

/** Deliver the latest pending change of one member's column (the caller holds its lease). */
export async function sendMember(sync: ScoreSync): Promise<Outcome> {
  const pending = await ScoreOutbox.findAll({ where: { syncId: sync.id, status: 'pending' }, order: [['timestamp', 'DESC']] });
  if (!pending.length) return null;
  const [row, ...older] = pending;
  // A superseded attempt may have reached the LMS (a worker died after sending): never skip the next one as unchanged.
  const mayHaveReached = older.some((o) => o.attempts > 0);
  if (older.length) await ScoreOutbox.update({ status: 'superseded' }, { where: { id: older.map((o) => o.id), status: 'pending' } });
  if (row.nextAttemptAt && row.nextAttemptAt > new Date()) return null;
  const ctx = await loadContext(sync);
  if (!ctx) return park(row, 'gone', 'the member, the course or the platform was removed');
  if (row.scoreGiven === null) {
    const v = await scoreValues(sync.kind, ctx.community, sync.membershipId, commentLang(ctx.user.locale));
    const same = sync.sentAt && !mayHaveReached && v.scoreGiven === sync.sentScoreGiven && v.scoreMaximum === sync.sentScoreMaximum && v.comment === sync.sentComment;
    if (same) {
      await row.update({ status: 'unchanged', scoreGiven: v.scoreGiven, scoreMaximum: v.scoreMaximum, comment: v.comment });
      return 'unchanged';
    }
    await row.update(v);
  }
  return deliver(row, sync, ctx);
}

type Ctx = { cohort: Cohort & { platform: Platform }; community: Community; user: User };

async function loadContext(sync: ScoreSync): Promise<Ctx | null> {
  const [cohort, community, user] = await Promise.all([
    Cohort.findByPk(sync.cohortId, { include: [{ model: Platform, as: 'platform' }] }) as Promise<(Cohort & { platform: Platform }) | null>,
    Community.findByPk(sync.communityId),
    User.findByPk(sync.userId),
  ]);
  return cohort?.platform && community && user ? { cohort, community, user } : null;
}

async function deliver(row: ScoreOutbox, sync: ScoreSync, ctx: Ctx): Promise<Outcome> {
  let url: string;
  try {
    url = (await resolveColumn(ctx.cohort, ctx.community, sync.kind)).url;
  } catch (e) {
    const err = asLmsError(e);
    // The course gave no gradebook column (no AGS, or "grade sync only" without a launch line item).
    if (err.detail === 'no_line_item' || err.detail === 'no_pd_line_item') return park(row, err.detail, err.detail);
    return answer(row, sync, { ok: false, code: err.retryable ? (err.code === 'rate_limited' ? 'rate_limited' : 'server_error') : 'refused', status: err.status, detail: err.detail, retryAfterMs: err.retryAfterMs });
  }
  const body: ScoreBody = {
    userId: ctx.user.sub,
    scoreGiven: row.scoreGiven!,
    scoreMaximum: row.scoreMaximum!,
    comment: row.comment ?? '',
    // Whole seconds, as fixed when the change happened (never "now": a replay must match).
    timestamp: row.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    activityProgress: row.activityProgress ?? 'InProgress',
    gradingProgress: row.gradingProgress ?? 'FullyGraded',
  };
  // Canvas: an update of a score is not a new submission (no "resubmitted" flag for the teacher).
  if (ctx.cohort.platform.kind === 'canvas' && sync.sentAt) body['https://canvas.instructure.com/lti/submission'] = { new_submission: false };
  await row.update({ attempts: row.attempts + 1 });
  const result = await publishScore(ctx.cohort.platform, ctx.cohort.agsScopes ?? [], url, body);
  if (result.ok && senderHooks.afterAccepted) await senderHooks.afterAccepted(row);
  if (!result.ok && result.status === 404) await forgetColumn(ctx.cohort.id, sync.kind);
  return answer(row, sync, result);
}

/** Record the platform's answer on the row (and, when the LMS holds the score, on the sync row). */
async function answer(row: ScoreOutbox, sync: ScoreSync, a: ScoreAnswer): Promise<Outcome> {
  const now = new Date();
  if (a.ok || a.code === 'superseded') {
    const status = a.ok ? 'sent' : 'superseded';
    await row.update({ status, httpStatus: a.status ?? null, sentAt: now, nextAttemptAt: null, lastError: a.ok ? null : 'superseded', lastErrorDetail: a.ok ? null : a.detail.slice(0, 1000) });
    await ScoreSync.update(
      { sentScoreGiven: row.scoreGiven, sentScoreMaximum: row.scoreMaximum, sentComment: row.comment, sentTimestamp: row.timestamp, sentAt: now },
      { where: { id: sync.id } },
    );
    return status;
  }
  const retry = ['rate_limited', 'server_error', 'network', 'unauthorized', 'token_refused', 'internal'].includes(a.code);
  const fields = { httpStatus: a.status ?? null, lastError: a.code, lastErrorDetail: a.detail.slice(0, 1000) };
  (retry ? log.warn : log.error)('score_refused', { outbox: row.id, membership: row.membershipId, code: a.code, status: a.status ?? null, detail: a.detail.slice(0, 500), attempts: row.attempts });
  if (retry) {
    // Rounded up to the second: MariaDB's DATETIME drops fractions, and we must never come back early.
    const at = Math.ceil((now.getTime() + retryDelay(row.attempts, a.retryAfterMs)) / 1000) * 1000;
    await row.update({ ...fields, nextAttemptAt: new Date(at) });
    return 'retrying';
  }
  await row.update({ ...fields, status: 'failed', nextAttemptAt: null });
  return 'failed';
}

async function park(row: ScoreOutbox, code: string, detail: string): Promise<Outcome> {
  await row.update({ status: 'failed', lastError: code, lastErrorDetail: detail });
  return 'failed';
}
