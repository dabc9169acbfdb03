/**
 * A course copied for a new term (Moodle's course copy or backup/restore, Canvas's course copy)
 * reaches CoPeR as a new context and a new resource link: without help its instructor would meet
 * the bare setup page and start a second community by mistake. The LMS tells us which course it
 * was copied from (`$Context.id.history`, requested at registration): the setup page then offers to
 * continue that course's community with this course as a new cohort.
 */
import { Op, type Transaction } from 'sequelize';
import { Cohort, Community, type Membership } from '../kernel/community';
import { addCohort, type SetupContext } from './service';

/** The community of the most recent ancestor course linked on the same platform, if any. */
export async function previousCommunity(ctx: SetupContext, transaction?: Transaction): Promise<{ community: Community; course: string } | null> {
  const history = ctx.launch.contextHistory ?? [];
  if (!history.length) return null;
  const cohorts = await Cohort.findAll({
    where: { platformId: ctx.platformId, contextId: { [Op.in]: history } },
    include: [{ model: Community, as: 'community' }],
    transaction,
  });
  for (const id of history) {
    const c = cohorts.find((x) => x.contextId === id && x.community);
    if (c) return { community: c.community!, course: c.contextTitle ?? c.contextLabel ?? id };
  }
  return null;
}

/** Link the launching course to the community of the course it was copied from; null when there is none. */
export async function continueCommunity(ctx: SetupContext, communityId: number, transaction: Transaction): Promise<{ community: Community; cohort: Cohort; membership: Membership } | null> {
  const previous = await previousCommunity(ctx, transaction);
  if (!previous || previous.community.id !== communityId) return null;
  return addCohort(ctx, previous.community, transaction);
}
