import type { Job } from '../kernel/job';
import { useNotificationConfig } from './settings';
import { deliverDueEmails, purgeSentEmails } from './mailer';
import { runMemberDigests, purgeDigestRuns } from './digests';

/** Send due e-mails (claimed atomically, retried with backoff): every 30 s, batches of 20 for up to 20 s. */
const emailJob: Job = {
  name: 'notifications.email',
  everyMs: 30_000,
  run: async (rt) => {
    const total = { sent: 0, retried: 0, failed: 0 };
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const r = await deliverDueEmails(rt.config, { limit: 20 });
      total.sent += r.sent;
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.sent + r.retried + r.failed < 20) break;
    }
    return total;
  },
};

/**
 * Digests: every 5 minutes, build whatever daily (after DIGEST_HOUR) and weekly digests are due
 * and not yet sent this period; then tidy up. (The facilitators' weekly digest is analytics':
 * analytics/jobs.ts.)
 */
const digestJob: Job = {
  name: 'notifications.digests',
  everyMs: 5 * 60_000,
  run: async (rt) => {
    useNotificationConfig(rt.config);
    const members = await runMemberDigests(rt.sequelize, rt.config);
    const purged = { emails: await purgeSentEmails(), runs: await purgeDigestRuns() };
    return { ...members, purged };
  },
};

export const notificationJobs: Job[] = [emailJob, digestJob];
