import { UniqueConstraintError, type Transaction } from 'sequelize';
import { Proposal, Vote, ProposalVoter, ProposalBallot } from './model';
import { checkBallot } from './rules';
import { governancePolicy } from './policy';
import { ballotId } from './ballots';
import { recordActivity } from '../activity/model';
import { DomainError, forbidden } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

export interface VoteInput {
  choices: string[];
  reason: string;
}

/**
 * Cast or change a vote until the deadline. One member, one vote: the unique key
 * (proposal, membership) — on `votes`, or on `proposal_voters` plus a deterministic ballot id
 * for anonymous votes — settles races, and upserts make a repeated vote replace the previous one.
 * The proposal row is read with a shared lock, so a vote and the closing of the proposal
 * (an UPDATE on that row) are serialised on MariaDB: a vote is either counted or refused.
 */
export async function castVote(actor: Actor, proposalId: number, input: VoteInput, secret: string, transaction: Transaction, now = new Date()): Promise<{ changed: boolean }> {
  const proposal = await Proposal.findOne({ where: { id: proposalId, communityId: actor.communityId }, transaction, lock: transaction.LOCK.SHARE });
  if (!proposal) throw new DomainError('not_found', 'errors.not_found');
  if (actor.role === 'observer') throw forbidden();
  if (!governancePolicy.vote(actor, proposal, now)) throw new DomainError('conflict', 'governance.errors.closed');
  const problem = checkBallot({ rule: proposal.rule, options: proposal.options.map((o) => o.key), pollMode: proposal.pollMode }, { choices: input.choices, reason: input.reason });
  if (problem) throw new DomainError('invalid', problem);
  const choice = JSON.stringify([...new Set(input.choices)]);
  const reason = input.reason || null;
  try {
    const changed = proposal.anonymous
      ? await castAnonymous(actor, proposal, choice, reason, secret, transaction)
      : await castNamed(actor, proposal, choice, reason, transaction);
    await recordActivity(
      {
        communityId: actor.communityId,
        userId: actor.userId,
        membershipId: actor.membershipId,
        verb: 'vote.cast',
        subject: { type: 'proposal', id: proposal.id },
        // An anonymous vote's activity says that the member voted, never what.
        data: proposal.anonymous ? { anonymous: true, changed } : { choices: JSON.parse(choice), changed },
      },
      transaction,
    );
    return { changed };
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new DomainError('conflict', 'governance.errors.vote_race');
    throw err;
  }
}

async function castNamed(actor: Actor, proposal: Proposal, choice: string, reason: string | null, transaction: Transaction): Promise<boolean> {
  const previous = await Vote.findOne({ where: { proposalId: proposal.id, membershipId: actor.membershipId }, attributes: ['id'], transaction });
  await Vote.upsert(
    { proposalId: proposal.id, membershipId: actor.membershipId, choice, reason },
    { transaction, conflictFields: ['proposal_id', 'membership_id'] } as Parameters<typeof Vote.upsert>[1],
  );
  return Boolean(previous);
}

async function castAnonymous(actor: Actor, proposal: Proposal, choice: string, reason: string | null, secret: string, transaction: Transaction): Promise<boolean> {
  const id = ballotId(secret, proposal.id, actor.membershipId);
  const previous = await ProposalVoter.findOne({ where: { proposalId: proposal.id, membershipId: actor.membershipId }, transaction });
  // INSERT IGNORE / INSERT OR IGNORE: the primary key (proposal, membership) keeps one row per member.
  if (!previous) await ProposalVoter.bulkCreate([{ proposalId: proposal.id, membershipId: actor.membershipId }], { ignoreDuplicates: true, transaction });
  await ProposalBallot.upsert({ id, proposalId: proposal.id, choice, reason }, { transaction });
  return Boolean(previous);
}

/** The member's own current vote (for the form), anonymous or not; null if none. */
export async function ownVote(actorMembershipId: number, proposal: Proposal, secret: string): Promise<{ choices: string[]; reason: string } | null> {
  const row = proposal.anonymous
    ? await ProposalBallot.findOne({ where: { id: ballotId(secret, proposal.id, actorMembershipId), proposalId: proposal.id } })
    : await Vote.findOne({ where: { proposalId: proposal.id, membershipId: actorMembershipId } });
  return row ? { choices: JSON.parse(row.choice) as string[], reason: row.reason ?? '' } : null;
}
