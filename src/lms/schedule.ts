/**
 * When rosters sync: on the worker's schedule, when a facilitator asks, and after a launch into a
 * course whose roster is older than ROSTER_MAX_AGE_MINUTES. Requests are written to the cohort's
 * sync row (so any worker can pick them up) and, in the web process, also started right away in
 * the background: the request that asked never waits for the LMS.
 */
import { Op } from 'sequelize';
import type { Config } from '../config';
import { Cohort } from '../kernel/community';
import { log } from '../log';
import { ensureSyncRow, workerId } from './lease';
import { RosterSync, type RosterTrigger } from './model';
import { syncCohortRoster, type SyncOutcome } from './sync';

type ScheduleConfig = Pick<Config, 'ROSTER_SYNC_INTERVAL_MINUTES' | 'ROSTER_FULL_SYNC_HOURS'>;

/** Is a cohort's roster due for a scheduled sync? Pure, so the rules are tested as a table. */
export function isDue(
  cohort: { nrpsUrl: string | null },
  state: Pick<RosterSync, 'requestedAt' | 'leaseUntil' | 'nextAttemptAt' | 'finishedAt' | 'stoppedUrl'> | null,
  now: Date,
  intervalMinutes: number,
): boolean {
  if (!cohort.nrpsUrl) return false;
  if (!state) return true;
  if (state.leaseUntil && state.leaseUntil > now) return false;
  if (state.stoppedUrl && state.stoppedUrl === cohort.nrpsUrl && !state.requestedAt) return false;
  // A launch brought a new NRPS URL after the old one was removed: try it now.
  if (state.stoppedUrl && state.stoppedUrl !== cohort.nrpsUrl) return true;
  if (state.nextAttemptAt) return state.nextAttemptAt <= now;
  if (state.requestedAt) return true;
  return !state.finishedAt || now.getTime() - state.finishedAt.getTime() >= intervalMinutes * 60_000;
}

/** Cohorts whose roster should be synced now (at most `limit`), with the last finish seen. */
export async function findDueCohorts(config: ScheduleConfig, now = new Date(), limit = 25): Promise<Array<{ id: number; state: RosterSync | null }>> {
  const cohorts = (await Cohort.findAll({
    where: { nrpsUrl: { [Op.ne]: null } },
    attributes: ['id', 'nrpsUrl'],
    include: [{ model: RosterSync, as: 'rosterSync', required: false }],
    order: [['id', 'ASC']],
  })) as Array<Cohort & { rosterSync: RosterSync | null }>;
  return cohorts
    .filter((c) => isDue(c, c.rosterSync, now, config.ROSTER_SYNC_INTERVAL_MINUTES))
    .slice(0, limit)
    .map((c) => ({ id: c.id, state: c.rosterSync }));
}

/** The worker's job: sync every due cohort, one at a time; returns what happened to each. */
export async function runDueRosterSyncs(config: ScheduleConfig, owner = workerId('worker'), signal?: AbortSignal): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  for (const { id, state } of await findDueCohorts(config)) {
    if (signal?.aborted) break; // shutting down: the cohorts left stay due for the next worker
    const trigger: RosterTrigger = state?.requestedAt && state.trigger ? state.trigger : 'schedule';
    const lastFinished = state ? state.finishedAt : null;
    out.push(await syncCohortRoster(id, { owner, trigger, lastFinished, fullSyncHours: config.ROSTER_FULL_SYNC_HOURS }));
  }
  return out;
}

const inflight = new Set<Promise<unknown>>();

/**
 * Ask for a sync of these cohorts: mark the request (unless one is running), then start it in
 * the background in this process. Returns once the request is recorded, never after the sync.
 */
export async function requestRosterSync(
  config: ScheduleConfig,
  cohorts: Array<{ id: number; communityId: number }>,
  by: { trigger: RosterTrigger; userId?: number | null },
): Promise<void> {
  const now = new Date();
  for (const c of cohorts) {
    await ensureSyncRow(c);
    // A request skips the backoff, except a wait the platform asked for (Retry-After).
    // (Spelled out with IS NULL: NOT (NULL = …) would match nothing.)
    const free = { [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] };
    const notWaiting = { [Op.or]: [{ lastError: null }, { lastError: { [Op.ne]: 'rate_limited' } }, { nextAttemptAt: null }, { nextAttemptAt: { [Op.lte]: now } }] };
    await RosterSync.update(
      { requestedAt: now, requestedBy: by.userId ?? null, trigger: by.trigger, state: 'queued', nextAttemptAt: null },
      { where: { cohortId: c.id, [Op.and]: [free, notWaiting] } },
    );
  }
  const owner = workerId('web');
  const run = (async () => {
    for (const c of cohorts) {
      const outcome = await syncCohortRoster(c.id, { owner, trigger: by.trigger, userId: by.userId, fullSyncHours: config.ROSTER_FULL_SYNC_HOURS });
      log.info('roster_sync', { cohort: c.id, trigger: by.trigger, status: outcome.status });
    }
  })().catch((err) => log.error('roster_sync_failed', { error: (err as Error).message }));
  inflight.add(run);
  void run.finally(() => inflight.delete(run));
}

/** Resolves when every background sync started in this process has finished (tests, shutdown). */
export async function rosterSyncsIdle(): Promise<void> {
  while (inflight.size) await Promise.allSettled([...inflight]);
}

/**
 * After a launch into a community: queue a background sync when the cohort's roster is older
 * than ROSTER_MAX_AGE_MINUTES (never waits: the launch has already answered).
 */
export function syncAfterLaunch(config: Config, cohortId: number): void {
  if (!config.ROSTER_SYNC_ON_LAUNCH) return;
  const run = (async () => {
    const cohort = await Cohort.findByPk(cohortId, { attributes: ['id', 'communityId', 'nrpsUrl', 'rosterSyncedAt'] });
    if (!cohort?.nrpsUrl) return;
    const state = await RosterSync.findOne({ where: { cohortId } });
    // A launch from the course proves a link removed earlier (404) is back: try it at once.
    const stopped = Boolean(state?.stoppedUrl) && !(state!.leaseUntil && state!.leaseUntil > new Date());
    if (!stopped) {
      if (cohort.rosterSyncedAt && Date.now() - cohort.rosterSyncedAt.getTime() < config.ROSTER_MAX_AGE_MINUTES * 60_000) return;
      // Respect a backoff in progress and a sync already running.
      if (state && !isDue(cohort, { ...state.get(), finishedAt: null }, new Date(), 0)) return;
    }
    await requestRosterSync(config, [cohort], { trigger: 'launch' });
  })().catch((err) => log.error('roster_launch_sync_failed', { error: (err as Error).message }));
  inflight.add(run);
  void run.finally(() => inflight.delete(run));
}
