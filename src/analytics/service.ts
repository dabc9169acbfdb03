/**
 * The analytics read side: load a community's history for a period and compute its figures; one
 * member's summary. Read-only (no activity is recorded for looking at analytics), every query
 * scoped to the community id.
 */
import { Op } from 'sequelize';
import { Cohort, Membership, type Community } from '../kernel/community';
import { notFound } from '../kernel/errors';
import { loadHistory } from './load';
import { cachedForCommunity } from '../web/community-cache';
import { dashboardFigures, historyRange, type DashboardFigures } from './figures';
import { contributionSeries, memberFigures, seriesUnit, tallyOf, type Bucket, type MemberFigures } from './participation';
import { neverLaunched } from './history';
import { memberExtras } from './extras';
import type { MemberExtras } from './features';
import { stageWindow, type Period } from './period';

type CommunityRef = Pick<Community, 'id' | 'createdAt' | 'settings'> & { timeZone?: string | null };

/** The community's cohorts (linked courses) for the cohort filter; a filter naming another community's cohort is refused. */
export async function cohortsOf(communityId: number): Promise<Array<{ id: number; label: string }>> {
  const rows = await Cohort.findAll({ where: { communityId }, attributes: ['id', 'contextTitle', 'contextLabel'], order: [['id', 'ASC']] });
  return rows.map((c) => ({ id: c.id, label: c.contextTitle ?? c.contextLabel ?? `#${c.id}` }));
}

/**
 * The dashboard's figures for a period (and cohort), with points and PD hours per member when
 * available. They read the community's whole activity history over the period, so they are kept
 * in memory until the community changes (its activity log moves) or for 30 s at most
 * (web/community-cache.ts): the dashboard, its member table and its CSV exports share one load.
 */
export async function dashboardFor(community: CommunityRef, period: Period, cohortId: number | null): Promise<{ figures: DashboardFigures; extras: Map<number, MemberExtras> }> {
  return cachedForCommunity(community.id, `analytics:${period.since.getTime()}:${period.until.getTime()}:${cohortId ?? 'all'}`, async () => {
    const range = historyRange(period);
    const windows = [{ since: period.since, until: period.until }, stageWindow(period)];
    // Points and PD hours are read alongside the history, for every member the roster may list
    // (the figures keep the period's and cohort's): neither waits for the other.
    const [history, extras] = await Promise.all([loadHistory(community, range.since, range.until, { cohortId, windows }), memberExtras(community, 'all', period)]);
    return { figures: dashboardFigures(history, period, cohortId), extras };
  });
}

export interface MemberSummary {
  figures: MemberFigures;
  series: Bucket[];
  unit: 'week' | 'month';
  /** Contributions by verb in the period, most frequent first. */
  verbs: Array<{ verb: string; count: number }>;
  onboarding: { launched: boolean; charter: boolean; profile: boolean; contributed: boolean; mentor: boolean };
  extras: MemberExtras;
}

/** One membership's summary for a period: 404 when it is not a membership of this community. */
export async function memberSummary(community: CommunityRef, membershipId: number, period: Period): Promise<MemberSummary> {
  const exists = await Membership.count({ where: { id: membershipId, communityId: community.id, status: { [Op.ne]: 'removed' } } });
  if (!exists) throw notFound();
  const h = await loadHistory(community, period.since, period.until, { only: membershipId });
  const w = { since: period.since, until: period.until };
  const [figures] = memberFigures(h, w);
  const counts = new Map([...tallyOf(h, w).byVerb].map(([verb, v]) => [verb, v.count]));
  const e = figures.entry;
  const extras = (await memberExtras(community, [membershipId], period)).get(membershipId) ?? { points: null, pdHours: null };
  return {
    figures,
    series: contributionSeries(h, w, seriesUnit(period.days)),
    unit: seriesUnit(period.days),
    verbs: [...counts].map(([verb, count]) => ({ verb, count })).sort((a, b) => b.count - a.count || a.verb.localeCompare(b.verb)),
    onboarding: { launched: !neverLaunched(e), charter: e.charterAckAt !== null, profile: e.profileAt !== null, contributed: e.firstContributionAt !== null, mentor: e.mentoredAt !== null },
    extras,
  };
}
