import type { Job } from '../worker/runner';
import { applyRetention, type RetentionResult } from './retention';
import { audit } from './model';

/** Apply the retention periods every hour; a run that removed something leaves an audit line (counts only). */
export const retentionJob: Job = {
  name: 'privacy.retention',
  everyMs: 3600_000,
  run: async (rt) => {
    const result = await applyRetention(rt.sequelize, rt.config);
    if (removedAnything(result)) await audit('retention', 'worker', { ...result });
    return result;
  },
};

export function removedAnything(r: RetentionResult): boolean {
  return Object.values(r).some((n) => n > 0);
}
