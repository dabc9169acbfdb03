import type { Transaction } from 'sequelize';
import { Proposal, type PollOption, type Amendment } from './model';
import type { PollMode } from './rules';
import type { DecisionRule } from '../charter/model';
import { governancePolicy } from './policy';
import { currentCharter } from '../charter/service';
import { recordActivity } from '../activity/model';
import { notifyProposalOpened } from './notifications';
import { DomainError, forbidden } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

export interface OpenProposalInput {
  kind: 'decision' | 'amendment' | 'poll';
  title: string;
  body: string;
  rule: DecisionRule;
  deadline: Date;
  anonymous: boolean;
  pollMode?: PollMode;
  /** Poll option labels (for a time poll: ISO instants). */
  options: string[];
  amendment?: Amendment;
}

const MIN_OPEN_MS = 5 * 60_000;
const MAX_OPEN_MS = 366 * 24 * 3600_000;

/** Check the proposal against the charter: its rule must be one the charter allows. Returns a catalog key or null. */
function problemWith(input: OpenProposalInput, allowed: DecisionRule[], now: Date): string | null {
  if (!allowed.includes(input.rule)) return 'governance.errors.rule_not_allowed';
  if ((input.kind === 'poll') !== (input.rule === 'poll')) return 'governance.errors.poll_rule';
  const open = input.deadline.getTime() - now.getTime();
  if (open < MIN_OPEN_MS || open > MAX_OPEN_MS) return 'governance.errors.deadline_range';
  if (input.kind === 'poll') {
    if (!input.pollMode) return 'governance.errors.poll_mode';
    if (input.options.length < 2 || input.options.length > 20) return 'governance.errors.options_count';
    if (new Set(input.options).size !== input.options.length) return 'governance.errors.options_unique';
  }
  if (input.kind === 'amendment') {
    if (!input.amendment?.body) return 'charter.errors.body_required';
    if (input.amendment.rules.rules.length === 0) return 'charter.errors.rules_required';
  }
  return null;
}

/**
 * Open a proposal. Any member but an observer may; the rule must be one the current charter
 * allows; a majority vote takes the charter's quorum; an amendment records the version it amends.
 */
export async function openProposal(actor: Actor, input: OpenProposalInput, transaction: Transaction, now = new Date()): Promise<Proposal> {
  const charter = await currentCharter(actor.communityId, transaction);
  if (!governancePolicy.open(actor, Boolean(charter))) {
    if (!charter) throw new DomainError('conflict', 'governance.errors.no_charter');
    throw forbidden();
  }
  const problem = problemWith(input, charter!.rules.rules, now);
  if (problem) throw new DomainError('invalid', problem);
  const options: PollOption[] = input.kind === 'poll' ? input.options.map((label, i) => ({ key: `o${i + 1}`, label })) : [];
  const proposal = await Proposal.create(
    {
      communityId: actor.communityId,
      openedBy: actor.membershipId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      rule: input.rule,
      quorumPercent: input.rule === 'majority' ? charter!.rules.quorum : null,
      pollMode: input.kind === 'poll' ? input.pollMode : null,
      options,
      anonymous: input.anonymous,
      amendment: input.kind === 'amendment' ? input.amendment : null,
      baseVersion: input.kind === 'amendment' ? charter!.version : null,
      deadline: input.deadline,
      status: 'open',
    },
    { transaction },
  );
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'proposal.open', subject: { type: 'proposal', id: proposal.id }, data: { kind: input.kind, rule: input.rule } },
    transaction,
  );
  await notifyProposalOpened(proposal, transaction);
  return proposal;
}
