import type { RoleHolder } from '../kernel/actor';

/**
 * Who may do what in governance. Pure: (role, state) → boolean. One member, one vote: every
 * role but observer may open a proposal and vote, with the same weight.
 */
export const governancePolicy = {
  view: ({ role }: RoleHolder) => role !== null,
  /** Taking part (opening, voting) whatever the state: every role but observer. */
  takePart: ({ role }: RoleHolder) => role !== null && role !== 'observer',
  open: ({ role }: RoleHolder, hasCharter: boolean) => governancePolicy.takePart({ role }) && hasCharter,
  vote: ({ role }: RoleHolder, proposal: { status: string; deadline: Date }, now: Date) =>
    governancePolicy.takePart({ role }) && proposal.status === 'open' && proposal.deadline.getTime() > now.getTime(),
};

export interface ProposalCan {
  vote: boolean;
}

export function proposalCan(holder: RoleHolder, proposal: { status: string; deadline: Date }, now = new Date()): ProposalCan {
  return { vote: governancePolicy.vote(holder, proposal, now) };
}
