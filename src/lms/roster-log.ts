import type { Transaction } from 'sequelize';

/** One roster sync, as the community's activity log keeps it (the members page and analytics read it). */
export interface RosterActivity {
  communityId: number;
  /** Who asked (a facilitator's click), or null for the schedule, a launch or the CLI. */
  userId: number | null;
  verb: 'roster.sync' | 'roster.sync_failed';
  subject: { type: 'cohort'; id: number };
  data: Record<string, unknown>;
}

export type RosterLog = (entry: RosterActivity, transaction?: Transaction) => Promise<void>;

let write: RosterLog | null = null;

/**
 * The activity log (and its listeners) is above the LMS adapter: the composition root installs
 * its writer at start, in every process that syncs rosters (src/features.ts).
 */
export function installRosterLog(log: RosterLog): void {
  write = log;
}

/** Record a sync, inside the transaction that applied it when there is one. */
export function logRosterSync(entry: RosterActivity, transaction?: Transaction): Promise<void> {
  if (!write) throw new Error('no roster log installed');
  return write(entry, transaction);
}
