import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../kernel/actor';
import { DomainError } from '../kernel/errors';
import { Cohort } from '../kernel/community';
import { recordActivity } from '../activity/model';

/**
 * A facilitator asks for a roster sync: the cohorts that have a names and roles service (none is
 * a conflict: there is nothing to sync), recorded in the activity log. The caller queues the
 * syncs once the transaction has committed.
 */
export async function requestSync(actor: Actor, t: Transaction): Promise<Cohort[]> {
  const cohorts = await Cohort.findAll({ where: { communityId: actor.communityId, nrpsUrl: { [Op.ne]: null } }, attributes: ['id', 'communityId'], transaction: t });
  if (!cohorts.length) throw new DomainError('conflict', 'members.errors.no_service');
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'roster.sync_requested', data: { cohorts: cohorts.map((c) => c.id) } },
    t,
  );
  return cohorts;
}
