import type { CommunityRole } from '../kernel/roles';

/**
 * Who may do what in governance. Pure: (role, state) → boolean. One member, one vote: every
 * role but observer may open a proposal and vote, with the same weight.
 */
export const governancePolicy = {
  view: (role: CommunityRole | null) => role !== null,
  open: (role: CommunityRole | null, hasCharter: boolean) => role !== null && role !== 'observer' && hasCharter,
  vote: (role: CommunityRole | null, proposal: { status: string; deadline: Date }, now: Date) =>
    role !== null && role !== 'observer' && proposal.status === 'open' && proposal.deadline.getTime() > now.getTime(),
};

export interface ProposalCan {
  vote: boolean;
}

export function proposalCan(role: CommunityRole | null, proposal: { status: string; deadline: Date }, now = new Date()): ProposalCan {
  return { vote: governancePolicy.vote(role, proposal, now) };
}
