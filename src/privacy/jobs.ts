import type { Job } from '../kernel/job';
import { applyRetention, type RetentionResult } from './retention';
import { audit } from './model';
import { runQueuedExports } from './exports';

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

/** Build data exports members asked for (long histories), a few per tick; leases keep workers apart. */
export const exportJob: Job = {
  name: 'privacy.exports',
  everyMs: 5_000,
  run: (rt) => runQueuedExports(rt.sequelize, rt.config),
};
