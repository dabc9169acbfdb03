/**
 * Decision rules, as pure functions: which choices a rule offers, which need a reason, and
 * the outcome of a closed proposal from its ballots and the size of the active roster.
 * No database, no clock: the closing command feeds it, the unit tests drive it directly.
 * One member, one vote, equal weight whatever the role: ballots carry no role at all.
 */
import type { DecisionRule } from '../charter/model';

export type PollMode = 'single' | 'multiple' | 'time';
export type OutcomeResult = 'adopted' | 'rejected' | 'no_quorum' | 'closed' | 'superseded';

/** The fixed choices of each rule (a poll's choices are its options' keys). */
export const RULE_CHOICES: Record<Exclude<DecisionRule, 'poll'>, string[]> = {
  // Consent: silence and consent agree; only a reasoned objection stops the proposal.
  consent: ['consent', 'abstain', 'object'],
  consensus: ['agree', 'abstain', 'disagree', 'block'],
  majority: ['yes', 'no', 'abstain'],
};

/** Choices that must come with a stated reason. */
export const REASON_REQUIRED = new Set(['object', 'disagree', 'block']);

export interface Ballot {
  /** One choice, or several for a multiple-choice poll. */
  choices: string[];
  reason?: string | null;
  /** Shown next to the reason for named votes; absent for anonymous ones. */
  voter?: string | null;
}

export interface RuleInput {
  rule: DecisionRule;
  /** Poll option keys (ignored by the other rules). */
  options?: string[];
  pollMode?: PollMode | null;
  /** Majority: share of the active roster that must take part, 0–100. */
  quorumPercent?: number | null;
  /** Members who may vote: the active roster (active and invited memberships, observers excepted). */
  eligible: number;
  ballots: Ballot[];
}

export interface Outcome {
  result: OutcomeResult;
  tally: Record<string, number>;
  participants: number;
  eligible: number;
  quorumNeeded: number | null;
  tie: boolean;
  winners: string[];
  reasons: Array<{ choice: string; reason: string; voter?: string | null }>;
}

/** Is this ballot acceptable for the rule? Returns a catalog key naming the problem, or null. */
export function checkBallot(input: Pick<RuleInput, 'rule' | 'options' | 'pollMode'>, ballot: Ballot): string | null {
  const allowed = input.rule === 'poll' ? (input.options ?? []) : RULE_CHOICES[input.rule];
  const choices = [...new Set(ballot.choices)];
  if (choices.length === 0) return 'governance.errors.choice_required';
  if (choices.some((c) => !allowed.includes(c))) return 'governance.errors.choice_unknown';
  const multiple = input.rule === 'poll' && input.pollMode !== 'single';
  if (!multiple && choices.length > 1) return 'governance.errors.one_choice';
  if (choices.some((c) => REASON_REQUIRED.has(c)) && !ballot.reason?.trim()) return 'governance.errors.reason_required';
  return null;
}

/** Members needed for a quorum: ceil(percent × roster); a roster of 0 needs 1. */
export function quorumNeeded(eligible: number, percent: number): number {
  return Math.max(1, Math.ceil((Math.min(100, Math.max(0, percent)) / 100) * eligible - 1e-9));
}

function tallyOf(choices: string[], ballots: Ballot[]): Record<string, number> {
  const tally: Record<string, number> = Object.fromEntries(choices.map((c) => [c, 0]));
  for (const b of ballots) for (const c of new Set(b.choices)) if (c in tally) tally[c]++;
  return tally;
}

function reasonsOf(ballots: Ballot[]): Outcome['reasons'] {
  return ballots
    .filter((b) => b.reason?.trim())
    .map((b) => ({ choice: b.choices.join(', '), reason: b.reason!.trim(), ...(b.voter ? { voter: b.voter } : {}) }));
}

/** The outcome of a closed proposal. Ties never adopt: the status quo stands. */
export function decide(input: RuleInput): Outcome {
  const choices = input.rule === 'poll' ? (input.options ?? []) : RULE_CHOICES[input.rule];
  const tally = tallyOf(choices, input.ballots);
  const base = { tally, participants: input.ballots.length, eligible: input.eligible, quorumNeeded: null as number | null, tie: false, winners: [] as string[], reasons: reasonsOf(input.ballots) };
  switch (input.rule) {
    case 'consent':
      return { ...base, result: tally.object > 0 ? 'rejected' : 'adopted' };
    case 'consensus':
      // A block stops the proposal; disagreements are reservations, recorded with their reasons.
      if (tally.block > 0) return { ...base, result: 'rejected' };
      return { ...base, tie: tally.agree === tally.disagree && tally.agree > 0, result: tally.agree > tally.disagree ? 'adopted' : 'rejected' };
    case 'majority': {
      const needed = quorumNeeded(input.eligible, input.quorumPercent ?? 50);
      if (input.ballots.length < needed) return { ...base, quorumNeeded: needed, result: 'no_quorum' };
      return { ...base, quorumNeeded: needed, tie: tally.yes === tally.no, result: tally.yes > tally.no ? 'adopted' : 'rejected' };
    }
    case 'poll': {
      const top = Math.max(0, ...Object.values(tally));
      const winners = top === 0 ? [] : choices.filter((c) => tally[c] === top);
      return { ...base, result: 'closed', winners, tie: winners.length > 1 };
    }
  }
}
