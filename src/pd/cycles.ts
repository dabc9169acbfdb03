import { communityZone } from '../content/zone';
/**
 * Two-year continuing-education cycles (Québec, Education Act s.22.0.1): 1 July of an odd year
 * to 30 June two years later. Dates are calendar days (YYYY-MM-DD), so there is no time zone.
 */

/** A cycle: `2025-2027` runs from 2025-07-01 to 2027-06-30. */
export interface Cycle {
  key: string;
  start: string;
  end: string;
  startYear: number;
}

/** The cycle a calendar day (YYYY-MM-DD) belongs to. */
export function cycleOf(date: string): Cycle {
  const [y, m] = date.split('-').map(Number);
  // Before July, the day belongs to the school year that started the previous 1 July.
  const schoolYear = m >= 7 ? y : y - 1;
  const startYear = schoolYear % 2 === 1 ? schoolYear : schoolYear - 1;
  return cycleStarting(startYear);
}

/** The cycle starting on 1 July of `startYear` (an odd year). */
export function cycleStarting(startYear: number): Cycle {
  return { key: `${startYear}-${startYear + 2}`, start: `${startYear}-07-01`, end: `${startYear + 2}-06-30`, startYear };
}

/** Parse a cycle key (`2025-2027`); undefined when it is not one. */
export function parseCycle(key: string | undefined): Cycle | undefined {
  const m = /^(\d{4})-(\d{4})$/.exec(key ?? '');
  if (!m) return undefined;
  const start = Number(m[1]);
  return start % 2 === 1 && Number(m[2]) === start + 2 ? cycleStarting(start) : undefined;
}

/** Today's date (YYYY-MM-DD) in the community's zone (the default outside a community request). */
export function today(now = new Date(), zone = communityZone()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Hours from minutes, for display (two decimals at most). */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** The hours every teacher owes per cycle. */
export const CYCLE_HOURS = 30;
