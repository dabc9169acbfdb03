import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';

/**
 * Members who may vote: the active roster — memberships 'active' or 'invited' (in the LMS roster
 * but never launched), so a quorum counts everyone enrolled, not only those who came. Observers
 * cannot vote, so they do not count towards a quorum either.
 */
export async function eligibleVoterCount(communityId: number, transaction?: Transaction): Promise<number> {
  return Membership.count({
    where: {
      communityId,
      status: { [Op.in]: ['active', 'invited'] },
      [Op.or]: [{ roleOverride: { [Op.ne]: 'observer' } }, { roleOverride: null, role: { [Op.ne]: 'observer' } }],
    },
    transaction,
  });
}
