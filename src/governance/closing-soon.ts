import { Op, type Sequelize } from 'sequelize';
import { Proposal } from './model';
import { activeMemberIds, voterIds } from './recipients';
import { proposalPath } from './notifications';
import { notify } from '../notifications/service';
import { retryTransaction } from '../db/retry';

const DAY_MS = 24 * 3600_000;

/**
 * How long before its deadline a proposal is "closing soon" (issue #8): 24 hours, or a quarter
 * of the time it is open for when that is shorter (a 2-hour poll is reminded 30 minutes before,
 * not the moment it opens).
 */
export function closingWindowMs(p: Pick<Proposal, 'createdAt' | 'deadline'>): number {
  return Math.max(0, Math.min(DAY_MS, (p.deadline.getTime() - p.createdAt.getTime()) / 4));
}

/** Is the proposal inside its closing window (and not past its deadline) at `now`? */
export function isClosingSoon(p: Pick<Proposal, 'createdAt' | 'deadline'>, now: Date): boolean {
  const left = p.deadline.getTime() - now.getTime();
  return left > 0 && left <= closingWindowMs(p);
}

/**
 * Remind one proposal's non-voters, exactly once. The claim is the atomic
 * `UPDATE proposals SET closing_notified_at = now WHERE id = ? AND closing_notified_at IS NULL
 * AND status = 'open' AND deadline > now`: with two workers only one UPDATE matches the row
 * (InnoDB re-reads the row it locks; SQLite writers are serialised), and the notifications are
 * written in the same transaction, so a failure releases the claim for the next tick.
 * Returns the number notified, or null when another run had it (or it closed meanwhile).
 */
export async function remindClosingProposal(sequelize: Sequelize, proposalId: number, now = new Date()): Promise<number | null> {
  return retryTransaction(sequelize, async (transaction) => {
    const [claimed] = await Proposal.update(
      { closingNotifiedAt: now },
      { where: { id: proposalId, status: 'open', closingNotifiedAt: null, deadline: { [Op.gt]: now } }, transaction },
    );
    if (claimed !== 1) return null;
    const proposal = await Proposal.findByPk(proposalId, { transaction, rejectOnEmpty: true });
    const voted = await voterIds(proposal, transaction);
    const members = await activeMemberIds(proposal.communityId, { observers: false }, transaction);
    return notify(transaction, {
      communityId: proposal.communityId,
      recipients: members.filter((id) => !voted.has(id)),
      kind: 'proposal.closing',
      actorMembershipId: null,
      subject: { type: 'proposal', id: proposal.id },
      // `context: 'not_voted'`: the sentence says the reader has not voted yet, and when voting ends.
      params: { title: proposal.title, when: proposal.deadline.toISOString(), context: 'not_voted' },
      link: proposalPath(proposal),
    });
  });
}

/** The worker's job (every minute): remind every proposal that entered its closing window. */
export async function remindClosingProposals(sequelize: Sequelize, now = new Date()): Promise<{ reminded: number; notified: number }> {
  const candidates = await Proposal.findAll({
    where: { status: 'open', closingNotifiedAt: null, deadline: { [Op.gt]: now, [Op.lte]: new Date(now.getTime() + DAY_MS) } },
    attributes: ['id', 'createdAt', 'deadline'],
    order: [['deadline', 'ASC']],
    limit: 200,
  });
  const result = { reminded: 0, notified: 0 };
  for (const p of candidates.filter((c) => isClosingSoon(c, now))) {
    const n = await remindClosingProposal(sequelize, p.id, now);
    if (n === null) continue;
    result.reminded++;
    result.notified += n;
  }
  return result;
}
