/**
 * The signals the stage rules read, computed from a History over the stage window (the 4 weeks
 * that end with the chosen period). Pure: the tests build histories by hand and go through the
 * same function the dashboard and the digest use.
 */
import { KINDS, type Kind } from './kinds';
import { isRosterMember, neverLaunched, type History } from './history';
import { memberFigures, newcomers, tallyOf, type Window } from './participation';
import { decisionFigures, depthFigures, problemFigures } from './outcomes';

export interface Signals {
  /** Active roster: active or invited memberships, observers excluded. */
  roster: number;
  launched: number;
  neverLaunched: number;
  /** Roster members who have acknowledged the charter (when it exists). */
  charterExists: boolean;
  charterAcknowledged: number;
  contributors: number;
  readersOnly: number;
  total: number;
  byKind: Record<Kind, number>;
  /** Written contributions that build on others' / that open a conversation. */
  buildOn: number;
  starts: number;
  riseAbove: number;
  problems: number;
  problemsWithLead: number;
  problemsSolved: number;
  /** Whole days since the last problem request (any time before the window's end); null: never. */
  daysSinceLastProblem: number | null;
  newcomers: number;
  newcomersOnboarded: number;
  decisions: number;
  meanTurnout: number | null;
}

/** Compute the signals of the window [since, until). */
export function computeSignals(h: History, w: Window): Signals {
  // The roster as it stood at the window's end (a History may run past it).
  const roster = h.roster.filter((r) => isRosterMember(r) && r.joinedAt < w.until);
  const members = memberFigures({ ...h, roster }, w);
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const m of tallyOf(h, w).byMember.values()) for (const k of KINDS) byKind[k] += m.byKind[k];
  const total = KINDS.reduce((s, k) => s + byKind[k], 0);
  const depth = depthFigures(h, w);
  const problems = problemFigures(h, w);
  const fresh = newcomers(h, w);
  const decisions = decisionFigures(h, w);
  return {
    roster: roster.length,
    launched: roster.filter((r) => !neverLaunched(r)).length,
    neverLaunched: roster.filter(neverLaunched).length,
    charterExists: h.charterExists,
    charterAcknowledged: roster.filter((r) => r.charterAckAt !== null && r.charterAckAt < w.until).length,
    contributors: members.filter((m) => m.total > 0).length,
    readersOnly: members.filter((m) => m.category === 'reader').length,
    total,
    byKind,
    buildOn: depth.buildOn,
    starts: depth.starts,
    riseAbove: depth.riseAbove,
    problems: problems.created,
    problemsWithLead: problems.withLead,
    problemsSolved: problems.solved,
    daysSinceLastProblem: h.lastProblemAt ? Math.floor((w.until.getTime() - h.lastProblemAt.getTime()) / 86_400_000) : null,
    newcomers: fresh.length,
    newcomersOnboarded: fresh.filter((n) => n.onboarded).length,
    decisions: decisions.rows.length,
    meanTurnout: decisions.meanTurnout,
  };
}
