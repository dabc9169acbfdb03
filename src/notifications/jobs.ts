import type { Job } from '../worker/runner';
import { useNotificationConfig } from './settings';
import { deliverDueEmails, purgeSentEmails } from './mailer';
import { runMemberDigests, purgeDigestRuns } from './digests';
import { runFacilitatorDigests } from './facilitator-digest';

/** Send due e-mails (claimed atomically, retried with backoff): every 30 s. */
const emailJob: Job = {
  name: 'notifications.email',
  everyMs: 30_000,
  run: async (rt) => deliverDueEmails(rt.config),
};

/**
 * Digests: every 5 minutes, build whatever daily (after DIGEST_HOUR), weekly and facilitator
 * (from Monday at DIGEST_HOUR) digests are due and not yet sent this period; then tidy up.
 */
const digestJob: Job = {
  name: 'notifications.digests',
  everyMs: 5 * 60_000,
  run: async (rt) => {
    useNotificationConfig(rt.config);
    const members = await runMemberDigests(rt.sequelize, rt.config);
    const facilitators = await runFacilitatorDigests(rt.sequelize, rt.config);
    const purged = { emails: await purgeSentEmails(), runs: await purgeDigestRuns() };
    return { ...members, facilitators, purged };
  },
};

export const notificationJobs: Job[] = [emailJob, digestJob];
