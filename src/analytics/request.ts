/**
 * The period (and cohort) of an analytics-style request, shared by the dashboard and the value
 * report so both read the same dates and the same course.
 */
import type { Request } from 'express';
import type { Community } from '../kernel/community';
import { DomainError } from '../kernel/errors';
import { periodQuery } from './schemas';
import { resolvePeriod, type PeriodQuery } from './period';
import { cohortsOf } from './service';

/** Validate the period and cohort of a request (400 on bad input; a cohort of another community is bad input). */
export async function readPeriod(req: Request, community: Community) {
  const query: PeriodQuery = periodQuery.parse(req.query);
  const cohorts = await cohortsOf(community.id);
  if (query.cohort !== undefined && !cohorts.some((c) => c.id === query.cohort)) throw new DomainError('invalid', 'analytics.errors.cohort');
  const period = resolvePeriod(query, community.createdAt);
  const filters = { period: query.period, from: query.period === 'custom' ? query.from : undefined, to: query.period === 'custom' ? query.to : undefined, cohort: query.cohort };
  return { query, cohorts, period, filters };
}

/** The common locals of analytics pages: period form values and the cohorts to filter by. */
export function periodLocals(p: Awaited<ReturnType<typeof readPeriod>>) {
  return { period: p.period, filters: p.filters, cohorts: p.cohorts.length > 1 ? p.cohorts : [] };
}

