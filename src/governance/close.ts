import { Op, type Sequelize, type Transaction } from 'sequelize';
import { Proposal, Vote, ProposalBallot } from './model';
import { decide, type Ballot, type Outcome } from './rules';
import { eligibleVoterCount } from './roster';
import { adoptAmendment } from '../charter/service';
import { recordActivity } from '../activity/model';
import { notifyProposalDecided } from './notifications';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { retryTransaction } from '../db/retry';

/** The ballots of a proposal: named (with the voter's name, shown with reasons) or anonymous (no name at all). */
async function ballotsOf(proposal: Proposal, transaction: Transaction): Promise<Ballot[]> {
  if (proposal.anonymous) {
    const rows = await ProposalBallot.findAll({ where: { proposalId: proposal.id }, transaction });
    return rows.map((r) => ({ choices: JSON.parse(r.choice) as string[], reason: r.reason }));
  }
  const votes = await Vote.findAll({ where: { proposalId: proposal.id }, order: [['id', 'ASC']], transaction });
  const members = await Membership.findAll({ where: { id: votes.map((v) => v.membershipId) }, include: [{ model: User, as: 'user' }], transaction });
  const names = new Map(members.map((m) => [m.id, m.user ? displayName(m.user) : '']));
  return votes.map((v) => ({ choices: JSON.parse(v.choice) as string[], reason: v.reason, voter: names.get(v.membershipId) ?? null }));
}

function statusOf(outcome: Outcome): Proposal['status'] {
  if (outcome.result === 'adopted') return 'adopted';
  if (outcome.result === 'closed') return 'closed';
  return 'rejected';
}

/**
 * Close one proposal whose deadline has passed, exactly once. The atomic
 * `UPDATE … SET status='closing' WHERE id=? AND status='open' AND deadline<=now` is the claim:
 * with two workers (or a worker and a page view) only one UPDATE matches the row, and only that
 * one computes the outcome — inside the same transaction, so a failure leaves the proposal open
 * for the next tick. An adopted amendment becomes the next charter version here, and the members
 * are told the outcome in the same transaction (so exactly once).
 */
export async function closeProposal(sequelize: Sequelize, proposalId: number, now = new Date()): Promise<Outcome | null> {
  return retryTransaction(sequelize, async (transaction) => {
    const [claimed] = await Proposal.update(
      { status: 'closing' },
      { where: { id: proposalId, status: 'open', deadline: { [Op.lte]: now } }, transaction },
    );
    if (claimed !== 1) return null;
    const proposal = await Proposal.findByPk(proposalId, { transaction, rejectOnEmpty: true });
    const eligible = await eligibleVoterCount(proposal.communityId, transaction);
    const outcome: Outcome & { charterVersion?: number } = decide({
      rule: proposal.rule,
      options: proposal.options.map((o) => o.key),
      pollMode: proposal.pollMode,
      quorumPercent: proposal.quorumPercent,
      eligible,
      ballots: await ballotsOf(proposal, transaction),
    });
    if (outcome.result === 'adopted' && proposal.kind === 'amendment') {
      const version = await adoptAmendment(proposal, transaction);
      if (version) outcome.charterVersion = version.version;
      else outcome.result = 'superseded';
    }
    await proposal.update({ status: statusOf(outcome), outcome, decidedAt: now }, { transaction });
    await recordActivity(
      { communityId: proposal.communityId, verb: 'proposal.decided', subject: { type: 'proposal', id: proposal.id }, data: { result: outcome.result, tally: outcome.tally, participants: outcome.participants, eligible } },
      transaction,
    );
    await notifyProposalDecided(proposal, outcome, transaction);
    return outcome;
  });
}

/** Close every proposal past its deadline (the worker's job, every ~30 s). Returns how many this process closed. */
export async function closeDueProposals(sequelize: Sequelize, now = new Date()): Promise<{ closed: number }> {
  const due = await Proposal.findAll({ where: { status: 'open', deadline: { [Op.lte]: now } }, attributes: ['id'], order: [['deadline', 'ASC']], limit: 100 });
  let closed = 0;
  for (const { id } of due) if (await closeProposal(sequelize, id, now)) closed++;
  return { closed };
}
