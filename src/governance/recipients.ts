import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { Vote, ProposalVoter, type Proposal } from './model';

/**
 * Who hears about governance and meetings (issue #8). Only ACTIVE memberships: notify() would
 * skip the others anyway, and 'invited' members (in the LMS roster, never launched) have no bell
 * to read. Observers (read-only: they cannot vote, RSVP or check in) are left out of calls to
 * act — a proposal to vote on, a meeting to attend — and included only when asked: the outcome
 * of a decision binds the whole community, observers included.
 */
export async function activeMemberIds(communityId: number, opts: { observers: boolean }, transaction?: Transaction): Promise<number[]> {
  const notObserver = { [Op.or]: [{ roleOverride: { [Op.ne]: 'observer' } }, { roleOverride: null, role: { [Op.ne]: 'observer' } }] };
  const rows = await Membership.findAll({
    where: { communityId, status: 'active', ...(opts.observers ? {} : notObserver) },
    attributes: ['id'],
    order: [['id', 'ASC']],
    transaction,
  });
  return rows.map((m) => m.id);
}

/**
 * Members who have voted on a proposal: `votes` for named ballots, `proposal_voters` for
 * anonymous ones (which records who took part, never what they chose — so a reminder to
 * non-voters reveals nothing the participation count does not already show).
 */
export async function voterIds(proposal: Proposal, transaction?: Transaction): Promise<Set<number>> {
  const rows = proposal.anonymous
    ? await ProposalVoter.findAll({ where: { proposalId: proposal.id }, attributes: ['membershipId'], transaction })
    : await Vote.findAll({ where: { proposalId: proposal.id }, attributes: ['membershipId'], transaction });
  return new Set(rows.map((r) => r.membershipId));
}
