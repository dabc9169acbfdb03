import type { Runtime } from '../bootstrap';
import { purgeExpiredSessions } from '../sessions/service';
import { LtiLogin } from '../lti/login-model';
import { Op } from 'sequelize';
import { log, withLogScope } from '../log';
import { jobDuration } from '../metrics';
import { runDueRosterSyncs } from '../lms/schedule';
import { closeDueProposals } from '../governance/close';
import { notificationJobs } from '../notifications/jobs';
import { facilitatorDigestJob } from '../analytics/jobs';
import { remindClosingProposals } from '../governance/closing-soon';
import { remindStartingMeetings } from '../meetings/starting-soon';
import { runScoreOutbox } from '../gradebook/sender';
import { purgeRateLimits } from '../web/rate-limit';
import { retentionJob, exportJob } from '../privacy/jobs';

import type { Job as AnyJob } from '../kernel/job';

/** The worker's jobs get the whole runtime (housekeeping needs ltijs's plugin). */
export type Job = AnyJob<Runtime>;

/** Housekeeping: expired ltijs records, sessions and login attempts. Idempotent, so safe with several workers. */
const housekeeping: Job = {
  name: 'housekeeping',
  everyMs: 10 * 60_000,
  run: async (rt) => {
    const records = await rt.plugin.purgeExpired();
    const sessions = await purgeExpiredSessions();
    const logins = await LtiLogin.destroy({ where: { createdAt: { [Op.lt]: new Date(Date.now() - 24 * 3600_000) } } });
    await purgeRateLimits(rt.sequelize);
    return { records, sessions, logins };
  },
};

/** Roster sync (NRPS) of every due cohort; the per-cohort lease keeps several workers apart. */
const rosterSync: Job = {
  name: 'roster-sync',
  everyMs: 60_000,
  run: (rt, signal) => runDueRosterSyncs(rt.config, undefined, signal),
};

/** Close proposals on time even if no one visits; the atomic claim makes it safe with several workers. */
const closeProposals: Job = { name: 'governance.close-proposals', everyMs: 30_000, run: (rt) => closeDueProposals(rt.sequelize) };

/** "Voting closes soon" to non-voters (issue #8); the claim column `closing_notified_at` makes it once-only with several workers. */
const closingSoon: Job = { name: 'governance.closing-soon', everyMs: 60_000, run: (rt) => remindClosingProposals(rt.sequelize) };

/** "Meeting starts soon", ~15 minutes before (issue #8); the claim column `starting_notified_at` makes it once-only. */
const startingSoon: Job = { name: 'meetings.starting-soon', everyMs: 60_000, run: (rt) => remindStartingMeetings(rt.sequelize) };

/** Gradebook outbox: send due participation and PD-hours scores; leases keep several workers apart. */
const scoreSync: Job = {
  name: 'score-sync',
  everyMs: 10_000,
  run: (_rt, signal) => runScoreOutbox({ maxMs: 8_000, signal }),
};

/** Every background job, in one list. Features that need background work add theirs here. */
export const jobs: Job[] = [housekeeping, rosterSync, closeProposals, ...notificationJobs, facilitatorDigestJob, closingSoon, startingSoon, scoreSync, retentionJob, exportJob];

/** Run each job on its interval until stopped; a failing job is logged and retried next tick. */
export function startWorker(runtime: Runtime, list: Job[] = jobs): { stop: () => Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  for (const job of list) {
    const tick = () => {
      const timer = jobDuration.startTimer({ job: job.name });
      if (stopping.signal.aborted) return;
      const p = withLogScope({ job: job.name }, () => job.run(runtime, stopping.signal))
        .then((result) => (timer({ outcome: 'ok' }), log.debug('job_done', { job: job.name, result })))
        .catch((err) => (timer({ outcome: 'failed' }), log.error('job_failed', { job: job.name, error: (err as Error).message })))
        .finally(() => running.delete(p));
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs), setTimeout(tick, 1_000).unref());
  }
  return {
    /** No new job starts; the running ones finish (and release their leases). */
    stop: async () => {
      timers.forEach(clearTimeout);
      stopping.abort();
      log.info('worker_stopping', { running: running.size });
      await Promise.allSettled([...running]);
    },
  };
}
