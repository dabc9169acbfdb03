import type { Transaction } from 'sequelize';
import { notify } from '../notifications/service';
import { activeMemberIds } from './recipients';
import type { Proposal } from './model';
import type { Outcome } from './rules';

/** The proposal's page, inside its community (every governance notification links there). */
export function proposalPath(p: Pick<Proposal, 'communityId' | 'id'>): string {
  return `/c/${p.communityId}/proposals/${p.id}`;
}

/**
 * `proposal.opened`, in the opening transaction: every active member who can vote, except the
 * author (notify() never notifies the actor). The template varies with the proposal's kind
 * through i18next's `context` (`opened_decision`, `opened_amendment`, `opened_poll`) and shows
 * the deadline (`when`, rendered in the reader's language).
 */
export async function notifyProposalOpened(proposal: Proposal, transaction: Transaction): Promise<number> {
  return notify(transaction, {
    communityId: proposal.communityId,
    recipients: await activeMemberIds(proposal.communityId, { observers: false }, transaction),
    kind: 'proposal.opened',
    actorMembershipId: proposal.openedBy,
    subject: { type: 'proposal', id: proposal.id },
    params: { title: proposal.title, when: proposal.deadline.toISOString(), context: proposal.kind },
    link: proposalPath(proposal),
  });
}

/**
 * `proposal.decided`, in the closing transaction (the atomic close makes it once-only): every
 * active member, observers included, the author too (the close has no actor). `outcome` keeps the
 * result for the record; `context` picks the sentence (`decided_adopted`, `decided_rejected`,
 * `decided_no_quorum`, `decided_closed`, `decided_superseded`), translated when shown, in the
 * reader's language.
 */
export async function notifyProposalDecided(proposal: Proposal, outcome: Outcome, transaction: Transaction): Promise<number> {
  return notify(transaction, {
    communityId: proposal.communityId,
    recipients: await activeMemberIds(proposal.communityId, { observers: true }, transaction),
    kind: 'proposal.decided',
    actorMembershipId: null,
    subject: { type: 'proposal', id: proposal.id },
    params: { title: proposal.title, outcome: outcome.result, context: outcome.result },
    link: proposalPath(proposal),
  });
}
