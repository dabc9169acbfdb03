import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../content/zone';

/** Digest periods run on one clock for every community; the dates inside a digest are in each recipient's zone (digests.ts). */
export const ZONE = DEFAULT_ZONE;

/** A digest period and the moment it covers up to: items created before `cutoff` go in this period's digest. */
export interface DigestPeriod {
  period: string;
  cutoff: Date;
  since: Date;
}

/**
 * Today's daily digest period, once the local hour (America/Toronto) has reached DIGEST_HOUR;
 * null before. A worker that was down at that hour catches up later the same day.
 */
export function dailyPeriod(now: Date, hour: number): DigestPeriod | null {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const cutoff = local.startOf('day').set({ hour });
  if (local < cutoff) return null;
  return { period: local.toISODate()!, cutoff: cutoff.toJSDate(), since: cutoff.minus({ days: 1 }).toJSDate() };
}

/**
 * This ISO week's weekly digest period, from Monday at DIGEST_HOUR (local) on; any later tick
 * in the same week catches up if the worker was down on Monday.
 */
export function weeklyPeriod(now: Date, hour: number): DigestPeriod | null {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const cutoff = local.startOf('week').set({ hour });
  if (local < cutoff) return null;
  const period = `${cutoff.weekYear}-W${String(cutoff.weekNumber).padStart(2, '0')}`;
  return { period, cutoff: cutoff.toJSDate(), since: cutoff.minus({ weeks: 1 }).toJSDate() };
}
