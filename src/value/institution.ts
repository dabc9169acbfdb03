/**
 * The institution view of the value report: an institution administrator (LTI institution
 * administrator role at launch) sees the report of its own cohorts — the courses of its platform
 * and deployment (a deployment stands for an institution: DESIGN.md) — and nothing else.
 */
import { Cohort, Community } from '../kernel/community';
import type { Institution } from '../pd/report';
import { notFound } from '../kernel/errors';

/** The institution's cohorts with their community's title, by community then course. */
export async function institutionCohorts(inst: Institution) {
  const cohorts = await Cohort.findAll({ where: { platformId: inst.platformId, deploymentId: inst.deploymentRowId }, order: [['id', 'ASC']] });
  const communities = cohorts.length ? await Community.findAll({ where: { id: [...new Set(cohorts.map((c) => c.communityId))] }, attributes: ['id', 'title'] }) : [];
  const titleOf = new Map(communities.map((c) => [c.id, c.title]));
  return cohorts
    .map((c) => ({ id: c.id, community: titleOf.get(c.communityId) ?? `#${c.communityId}`, course: c.contextTitle ?? c.contextLabel ?? `#${c.id}` }))
    .sort((a, b) => a.community.localeCompare(b.community) || a.course.localeCompare(b.course));
}

/** One cohort of the institution and its community, or 404 (the same for another institution's). */
export async function institutionCohort(inst: Institution, cohortId: number): Promise<{ cohort: Cohort; community: Community }> {
  const cohort = await Cohort.findOne({ where: { id: cohortId, platformId: inst.platformId, deploymentId: inst.deploymentRowId } });
  const community = cohort ? await Community.findByPk(cohort.communityId) : null;
  if (!cohort || !community) throw notFound();
  return { cohort, community };
}
