/**
 * The period a dashboard covers: the last 4 weeks (default), the last 12 weeks, the community's
 * whole life, or custom dates (inclusive, validated: 400 on bad input). Days and weeks are
 * counted in one zone for everyone (the community's zone), so a CSV export matches the
 * page whoever downloads it. Weeks start on Monday (ISO).
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import { communityZone } from '../content/zone';
import { scalar } from '../content/forms';

/** The zone days and weeks are counted in: the community's (src/content/zone.ts), the same for every reader. */
export const periodZone = communityZone;
export const PERIODS = ['4w', '12w', 'all', 'custom'] as const;
export type PeriodKey = (typeof PERIODS)[number];

/** The longest custom period (about ten years): beyond it the weekly chart would be meaningless. */
export const MAX_DAYS = 3700;
/** The window the stage is read on: the 4 weeks that end with the period. */
export const STAGE_DAYS = 28;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDate = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'analytics.errors.date')
    .refine((s) => DateTime.fromISO(s, { zone: periodZone() }).isValid, 'analytics.errors.date')
    .optional(),
);

/** The dashboard's query string: period, custom dates, optional cohort. */
export const periodQuery = z
  .object({
    period: z.preprocess(blank, z.enum(PERIODS, { message: 'analytics.errors.period' }).default('4w')),
    from: isoDate,
    to: isoDate,
    cohort: z.preprocess(blank, scalar(z.coerce.number({ message: 'analytics.errors.cohort' }).int('analytics.errors.cohort').positive('analytics.errors.cohort').max(2 ** 31, 'analytics.errors.cohort').optional())),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') return;
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'analytics.errors.from_required' });
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'analytics.errors.to_required' });
    if (!q.from || !q.to) return;
    const from = DateTime.fromISO(q.from, { zone: periodZone() });
    const to = DateTime.fromISO(q.to, { zone: periodZone() });
    if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'analytics.errors.order' });
    else if (to.diff(from, 'days').days > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'analytics.errors.too_long' });
    if (from.year < 2000) ctx.addIssue({ code: 'custom', path: ['from'], message: 'analytics.errors.date' });
  });
export type PeriodQuery = z.infer<typeof periodQuery>;

/** A resolved period: [since, until) as instants, and its size. */
export interface Period {
  key: PeriodKey;
  since: Date;
  until: Date;
  /** Inclusive dates (YYYY-MM-DD, in the community's zone) for display and the custom form. */
  fromDate: string;
  toDate: string;
  days: number;
  weeks: number;
}

/**
 * Resolve a query to instants, in whole days: presets end with today (tomorrow's midnight, so
 * nothing written today is left out whatever the database's timestamp precision) and start at
 * midnight 27 (or 83) days earlier; "whole life" starts the day the community was created.
 */
export function resolvePeriod(q: Pick<PeriodQuery, 'period' | 'from' | 'to'>, communityCreatedAt: Date, now = new Date()): Period {
  const today = DateTime.fromJSDate(now, { zone: periodZone() }).startOf('day');
  let start: DateTime;
  let end: DateTime;
  if (q.period === 'custom') {
    start = DateTime.fromISO(q.from!, { zone: periodZone() }).startOf('day');
    end = DateTime.fromISO(q.to!, { zone: periodZone() });
  } else {
    start = q.period === 'all' ? DateTime.min(DateTime.fromJSDate(communityCreatedAt, { zone: periodZone() }).startOf('day'), today) : today.minus({ days: q.period === '12w' ? 83 : 27 });
    end = today;
  }
  const until = end.plus({ days: 1 }).startOf('day');
  const days = Math.round(until.diff(start, 'days').days);
  return { key: q.period, since: start.toJSDate(), until: until.toJSDate(), fromDate: start.toISODate()!, toDate: end.toISODate()!, days, weeks: Math.ceil(days / 7) };
}

/** The stage window: the 4 weeks that end where the period ends. */
export function stageWindow(p: Pick<Period, 'until'>): { since: Date; until: Date } {
  return { since: DateTime.fromJSDate(p.until, { zone: periodZone() }).minus({ days: STAGE_DAYS }).toJSDate(), until: p.until };
}
