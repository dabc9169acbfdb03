import { parseArgs } from 'node:util';
import { Op } from 'sequelize';
import cliProgress from 'cli-progress';
import type { Runtime } from '../bootstrap';
import { Cohort, Community } from '../kernel/community';
import { syncCohortRoster, type SyncOutcome } from '../lms/sync';
import { workerId } from '../lms/lease';
import { UsageError } from './usage';

/**
 * `roster sync [--community ID] [--full]` (DESIGN.md "Fixed contracts"): the same sync as the
 * worker, for every cohort with an NRPS URL (or one community's), with a progress bar on a
 * terminal. Returns the exit code: 0 when every cohort synced, 1 otherwise.
 */
export async function rosterCommand(rt: Runtime, args: string[], out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'sync') throw new UsageError('usage: roster sync [--community ID] [--full]');
  const { values } = parseArgs({ args: rest, options: { community: { type: 'string' }, full: { type: 'boolean' } }, strict: true });
  const communityId = values.community === undefined ? undefined : Number(values.community);
  if (communityId !== undefined && (!Number.isSafeInteger(communityId) || communityId <= 0)) throw new UsageError('roster sync: --community takes a community id (a number)');
  if (communityId !== undefined && !(await Community.findByPk(communityId))) throw new UsageError(`roster sync: no community ${communityId}`);
  const cohorts = await Cohort.findAll({
    where: { nrpsUrl: { [Op.ne]: null }, ...(communityId ? { communityId } : {}) },
    order: [['id', 'ASC']],
  });
  if (!cohorts.length) {
    out(communityId ? `Community ${communityId}: no linked course provides a roster service (NRPS); nothing to sync.` : 'No linked course provides a roster service (NRPS); nothing to sync.');
    return communityId ? 1 : 0;
  }
  const owner = workerId('cli');
  let failures = 0;
  for (const cohort of cohorts) {
    const course = cohort.contextTitle ?? cohort.contextLabel ?? `#${cohort.id}`;
    const bar = new cliProgress.SingleBar(
      { format: `${course.slice(0, 30)} |{bar}| {value} page(s), {members} member(s)`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { members: 0 });
    const outcome = await syncCohortRoster(cohort.id, {
      owner,
      trigger: 'cli',
      full: values.full ?? false,
      fullSyncHours: rt.config.ROSTER_FULL_SYNC_HOURS,
      // The number of pages is unknown until the last one: the bar stays one page ahead.
      onProgress: (p) => {
        bar.setTotal(p.pages + 1);
        bar.update(p.pages, { members: p.members });
      },
    });
    bar.stop();
    if (outcome.status !== 'ok') failures++;
    out(describe(course, cohort.communityId, outcome));
  }
  return failures ? 1 : 0;
}

function describe(course: string, communityId: number, o: SyncOutcome): string {
  const where = `${course} (community ${communityId})`;
  switch (o.status) {
    case 'ok': {
      const r = o.result;
      return `synced   ${where}: ${r.added} added, ${r.reactivated} back, ${r.updated} updated, ${r.deactivated} deactivated, ${r.errors} errors — ${r.members} members in ${r.pages} page(s), ${r.mode}`;
    }
    case 'failed':
      return `FAILED   ${where}: ${o.error} — ${o.detail}${o.retryAt ? `; the worker retries after ${o.retryAt.toISOString()}` : ''}`;
    case 'busy':
      return `BUSY     ${where}: another worker is syncing it right now; try again in a moment`;
    case 'skipped':
      return `SKIPPED  ${where}: ${o.reason}`;
  }
}
