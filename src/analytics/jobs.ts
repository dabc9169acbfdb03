import type { Job } from '../kernel/job';
import { useNotificationConfig } from '../notifications/settings';
import { runFacilitatorDigests } from './facilitator-digest';

/**
 * The facilitators' weekly digest (from Monday at DIGEST_HOUR): every 5 minutes, build those due
 * and not yet sent this week. It reads the community's figures, so it lives with analytics and
 * is sent through notifications, like every e-mail.
 */
export const facilitatorDigestJob: Job = {
  name: 'analytics.facilitator-digests',
  everyMs: 5 * 60_000,
  run: async (rt) => {
    useNotificationConfig(rt.config);
    return { facilitators: await runFacilitatorDigests(rt.sequelize, rt.config) };
  },
};
