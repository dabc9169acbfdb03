/**
 * syncCohortRoster: read a cohort's whole roster from the LMS (NRPS), then apply it in one
 * transaction. Reading comes first and alone: a failure on any page changes no membership, and
 * the sync is retried later with backoff. Used by the worker, the facilitator's button, launches
 * and the CLI alike; the database lease makes it safe when they run at the same time.
 */
import { Cohort, Membership } from '../kernel/community';
import { Platform } from '../kernel/platform';
import { log } from '../log';
import { rosterSyncs } from '../metrics';
import { LmsError, asLmsError, type LmsErrorCode } from './errors';
import { readRoster, type ReadProgress, type RosterRead } from './nrps';
import { applyRoster } from './apply';
import { claimLease, ensureSyncRow, releaseLease, renewLease } from './lease';
import { RosterSync, type RosterSyncResult, type RosterTrigger } from './model';
import { logRosterSync } from './roster-log';
import { retryTransaction } from '../db/retry';

/** How a sync runs: who claims it, why, and whether to force a full read. */
export interface SyncOptions {
  owner: string;
  trigger: RosterTrigger;
  /** Who asked (a facilitator's click, recorded in the activity log). */
  userId?: number | null;
  /** Force a full read even when a differences link is stored. */
  full?: boolean;
  fullSyncHours: number;
  onProgress?: (p: ReadProgress) => void;
  /** Set by the scheduler: the last finish it saw (a sync finished since then is not redone). */
  lastFinished?: Date | null;
}

/** The typed result of one sync attempt. */
export type SyncOutcome =
  | { status: 'ok'; cohortId: number; result: RosterSyncResult }
  | { status: 'busy'; cohortId: number }
  | { status: 'skipped'; cohortId: number; reason: 'no_service' | 'stopped' | 'rate_limited' }
  | { status: 'failed'; cohortId: number; error: LmsErrorCode; detail: string; retryAt: Date | null };

type LoadedCohort = Cohort & { platform: Platform };

/** Backoff between failed attempts: 30 s, 1 min, 2 min… capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

/** Sync one cohort's roster, if no one else is doing it right now. */
export async function syncCohortRoster(cohortId: number, opts: SyncOptions): Promise<SyncOutcome> {
  const outcome = await syncOnce(cohortId, opts);
  const reason = outcome.status === 'failed' ? outcome.error : outcome.status === 'skipped' ? outcome.reason : '';
  rosterSyncs.inc({ outcome: outcome.status, reason });
  return outcome;
}

async function syncOnce(cohortId: number, opts: SyncOptions): Promise<SyncOutcome> {
  const cohort = (await Cohort.findByPk(cohortId, { include: [{ model: Platform, as: 'platform' }] })) as LoadedCohort | null;
  if (!cohort?.nrpsUrl || !cohort.platform) return { status: 'skipped', cohortId, reason: 'no_service' };
  await ensureSyncRow(cohort);
  if (!(await claimLease(cohort.id, opts.owner, opts.lastFinished))) return { status: 'busy', cohortId };
  try {
    return await runClaimed(cohort, opts);
  } finally {
    // Normally released with the final state; this covers an unexpected throw.
    await releaseLease(cohort.id, opts.owner).catch(() => undefined);
  }
}

async function runClaimed(cohort: LoadedCohort, opts: SyncOptions): Promise<SyncOutcome> {
  const state = (await RosterSync.findOne({ where: { cohortId: cohort.id } }))!;
  // 404 earlier: the link was removed in the LMS. The schedule leaves it alone; a person's click,
  // the CLI or a launch from the course (proof the link is back) tries again.
  if (state.stoppedUrl && state.stoppedUrl === cohort.nrpsUrl && opts.trigger === 'schedule') {
    await releaseLease(cohort.id, opts.owner);
    return { status: 'skipped', cohortId: cohort.id, reason: 'stopped' };
  }
  // The platform asked us to wait (Retry-After): nobody, not even a click, calls it before then.
  if (state.lastError === 'rate_limited' && state.nextAttemptAt && state.nextAttemptAt > new Date()) {
    await releaseLease(cohort.id, opts.owner, { state: 'failed', requestedAt: null });
    return { status: 'skipped', cohortId: cohort.id, reason: 'rate_limited' };
  }
  const userId = opts.userId ?? state.requestedBy ?? null;
  const startedAt = new Date();
  await state.update({ state: 'running', trigger: opts.trigger, startedAt, pagesRead: 0, membersRead: 0, requestedAt: null, requestedBy: null });
  const progress: ReadProgress = { pages: 0, members: 0 };
  const mode = chooseMode(state, opts, startedAt);
  try {
    const { read, usedMode } = await readWithFallback(cohort, mode, state.differencesUrl, opts, progress);
    if (usedMode === 'full' && !read.members.some((m) => m.status === 'Active')) {
      throw new LmsError('empty_roster', 'the LMS listed nobody in the course');
    }
    const result = await applyRead(cohort, read, usedMode, opts, userId, startedAt);
    return { status: 'ok', cohortId: cohort.id, result };
  } catch (e) {
    return recordFailure(cohort, state, asLmsError(e), mode, progress, opts, userId);
  }
}

/** Incremental (differences link) when we have a recent full read; full otherwise. */
function chooseMode(state: RosterSync, opts: SyncOptions, now: Date): 'full' | 'differences' {
  if (opts.full || !state.differencesUrl || !state.fullSyncedAt) return 'full';
  return now.getTime() - state.fullSyncedAt.getTime() < opts.fullSyncHours * 3600_000 ? 'differences' : 'full';
}

async function readWithFallback(cohort: LoadedCohort, mode: 'full' | 'differences', differencesUrl: string | null, opts: SyncOptions, progress: ReadProgress) {
  let lastWrite = 0;
  const onPage = async (p: ReadProgress) => {
    Object.assign(progress, p);
    opts.onProgress?.(p);
    // Progress for the facilitator's indicator and a lease renewal, at most once a second.
    if (Date.now() - lastWrite < 1000) return;
    lastWrite = Date.now();
    if (!(await renewLease(cohort.id, opts.owner, { pagesRead: p.pages, membersRead: p.members }))) throw new LmsError('internal', 'lease lost');
  };
  if (mode === 'differences') {
    try {
      return { read: await readRoster(cohort.platform, differencesUrl!, onPage), usedMode: mode };
    } catch (e) {
      // A differences link the platform no longer honours: fall back to a full read.
      if (!(e instanceof LmsError) || !['bad_request', 'link_removed', 'bad_response'].includes(e.code)) throw e;
    }
  }
  return { read: await readRoster(cohort.platform, cohort.nrpsUrl!, onPage), usedMode: 'full' as const };
}

async function applyRead(cohort: LoadedCohort, read: RosterRead, mode: 'full' | 'differences', opts: SyncOptions, userId: number | null, startedAt: Date) {
  const sequelize = Membership.sequelize!;
  return retryTransaction(sequelize, async (transaction) => {
    const counts = await applyRoster(cohort, read.members, mode === 'full', transaction);
    const result: RosterSyncResult = { mode, pages: read.pages, members: read.members.length, ...counts, errors: read.skipped };
    const now = new Date();
    await logRosterSync(
      { communityId: cohort.communityId, userId, verb: 'roster.sync', subject: { type: 'cohort', id: cohort.id }, data: { ...result, trigger: opts.trigger } },
      transaction,
    );
    await Cohort.update({ rosterSyncedAt: now }, { where: { id: cohort.id }, transaction });
    await releaseLease(
      cohort.id,
      opts.owner,
      {
        state: 'ok', attempts: 0, nextAttemptAt: null, lastError: null, lastErrorDetail: null, stoppedUrl: null,
        lastResult: result, finishedAt: now, pagesRead: read.pages, membersRead: read.members.length,
        // Keep the last differences link we were given; a full read restarts the full-sync clock.
        differencesUrl: onSameHost(read.differencesUrl, cohort.nrpsUrl!),
        ...(mode === 'full' ? { fullSyncedAt: startedAt } : {}),
      },
      transaction,
    );
    return result;
  });
}

async function recordFailure(
  cohort: LoadedCohort, state: RosterSync, err: LmsError, mode: 'full' | 'differences', progress: ReadProgress, opts: SyncOptions, userId: number | null,
): Promise<SyncOutcome> {
  const now = new Date();
  const attempts = state.attempts + 1;
  const stopped = err.code === 'link_removed';
  const retryAt = err.retryable ? new Date(now.getTime() + Math.max(err.retryAfterMs ?? 0, backoffMs(attempts))) : null;
  const result: RosterSyncResult = { mode, pages: progress.pages, members: progress.members, added: 0, reactivated: 0, updated: 0, deactivated: 0, errors: 1, error: err.code };
  await releaseLease(cohort.id, opts.owner, {
    state: stopped ? 'stopped' : 'failed', attempts, nextAttemptAt: retryAt, lastError: err.code, lastErrorDetail: err.detail.slice(0, 1000),
    lastResult: result, finishedAt: now, stoppedUrl: stopped ? cohort.nrpsUrl : state.stoppedUrl,
    pagesRead: progress.pages, membersRead: progress.members,
  });
  // A refusal a person must act on is an error; one that will be retried is a warning.
  (err.retryable ? log.warn : log.error)('roster_sync_refused', {
    cohort: cohort.id, platform: cohort.platform?.issuer, code: err.code, status: err.status ?? null, detail: err.detail.slice(0, 500), attempts, retryAt: retryAt?.toISOString() ?? null,
  });
  await logRosterSync({
    communityId: cohort.communityId, userId, verb: 'roster.sync_failed', subject: { type: 'cohort', id: cohort.id },
    data: { error: err.code, status: err.status ?? null, trigger: opts.trigger, attempts },
  });
  return { status: 'failed', cohortId: cohort.id, error: err.code, detail: err.detail, retryAt };
}

/** A differences link, resolved, only when it is on the host that serves the roster (the token goes with it). */
function onSameHost(url: string | undefined, base: string): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, base);
    return resolved.origin === new URL(base).origin ? resolved.href : null;
  } catch {
    return null;
  }
}
