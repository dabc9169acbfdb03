/**
 * How CoPeR reads a community's stage (identity, sharing, learning, solving — DESIGN.md and the
 * source texts: a community must not stay in "sharing", and newcomers may call for a return to
 * "identity"), the evidence for it, and two or three facilitation moves. Pure: signals in, a
 * reading out, as catalog keys and parameters so each reader gets their language. The README's
 * section "How CoPeR reads a community's stage" is this file as a table: change both together.
 */
import type { Signals } from './signals';

export const STAGES = ['identity', 'sharing', 'learning', 'solving'] as const;
export type Stage = (typeof STAGES)[number];
export type RuleId = 'forming' | 'newcomers' | 'charter' | 'solving' | 'learning' | 'sharing';

/** A sentence: a catalog key under analytics.stage and its parameters. */
export interface Line {
  key: string;
  params: Record<string, string | number>;
}

export interface StageReading {
  stage: Stage;
  rule: RuleId;
  /** For a return to identity: the stage the other signals read. */
  returnedFrom: Stage | null;
  evidence: Line[];
  moves: Line[];
}

/** Every threshold the rules use, in one place (the README table quotes them). */
export const THRESHOLDS = {
  minContributors: 3,
  contributorShare: 0.1,
  minNewcomers: 3,
  newcomerShare: 0.2,
  minEstablished: 3,
  minProblems: 2,
  leadShare: 0.5,
  buildOnShare: 0.5,
  learningShare: 0.2,
  quietProblemDays: 21,
  lowTurnout: 0.5,
  readersShare: 0.3,
  neverShare: 0.2,
  charterRead: 0.5,
  charterShare: 0.8,
  maxMoves: 3,
} as const;

const T = THRESHOLDS;
const share = (n: number, d: number) => (d > 0 ? n / d : 0);
const pct = (n: number, d: number) => Math.round(share(n, d) * 100);
const line = (key: string, params: Line['params'] = {}): Line => ({ key: `analytics.stage.${key}`, params });

/** Rule 1 — identity (forming): too few members contribute yet to speak of sharing. */
const forming = (s: Signals) => s.contributors < Math.max(T.minContributors, Math.ceil(T.contributorShare * s.launched));
/** Rule 2 — return to identity: a wave of newcomers (beside an established core), most not onboarded yet. */
const newcomerWave = (s: Signals) =>
  s.newcomers >= Math.max(T.minNewcomers, Math.ceil(T.newcomerShare * s.roster)) && s.roster - s.newcomers >= T.minEstablished && s.newcomersOnboarded * 2 < s.newcomers;
/** Rule 3 — identity (ways of working): no charter yet, or most members have not acknowledged it. */
const charterPending = (s: Signals) => !s.charterExists || s.charterAcknowledged < T.charterRead * s.launched;
/** Rule 4 — solving: members bring problems and peers answer them. */
const solving = (s: Signals) => s.problems >= T.minProblems && s.problemsWithLead >= Math.ceil(T.leadShare * s.problems);
/** Rule 5 — learning: contributions build on each other and knowledge building is under way. */
const learning = (s: Signals) => share(s.buildOn, s.buildOn + s.starts) >= T.buildOnShare && (share(s.byKind.learning, s.total) >= T.learningShare || s.riseAbove >= 1);

/** The stage the signals read, rule by rule (first match wins). */
export function readStage(s: Signals): StageReading {
  if (forming(s)) return reading(s, 'identity', 'forming', null);
  const underlying: [Stage, RuleId] = solving(s) ? ['solving', 'solving'] : learning(s) ? ['learning', 'learning'] : ['sharing', 'sharing'];
  if (newcomerWave(s)) return reading(s, 'identity', 'newcomers', underlying[0]);
  if (charterPending(s)) return reading(s, 'identity', 'charter', null);
  return reading(s, underlying[0], underlying[1], null);
}

function reading(s: Signals, stage: Stage, rule: RuleId, returnedFrom: Stage | null): StageReading {
  return { stage, rule, returnedFrom, evidence: evidenceFor(s, rule, returnedFrom), moves: movesFor(s, rule) };
}

/** One or two sentences saying why. */
function evidenceFor(s: Signals, rule: RuleId, returnedFrom: Stage | null): Line[] {
  const buildOn = pct(s.buildOn, s.buildOn + s.starts);
  switch (rule) {
    case 'forming':
      return [line('evidence.forming', { count: s.contributors, launched: s.launched, contributions: s.total })];
    case 'charter':
      return [s.charterExists ? line('evidence.charter_unread', { count: s.charterAcknowledged, launched: s.launched }) : line('evidence.no_charter')];
    case 'newcomers':
      return [line('evidence.newcomers', { count: s.newcomers, onboarded: s.newcomersOnboarded }), line('evidence.returned_from', { stage: returnedFrom ?? 'sharing' })];
    case 'solving':
      return [line('evidence.solving', { count: s.problems, withLead: s.problemsWithLead, solved: s.problemsSolved })];
    case 'learning':
      return [line('evidence.learning', { buildOn, learning: pct(s.byKind.learning, s.total), riseAbove: s.riseAbove })];
    default:
      return [line('evidence.sharing', { count: s.total, sharing: pct(s.byKind.sharing, s.total), buildOn }), quietProblems(s) ? problemSilence(s, 'evidence') : line('evidence.few_problems', { count: s.problems })];
  }
}

const quietProblems = (s: Signals) => s.daysSinceLastProblem === null || s.daysSinceLastProblem >= T.quietProblemDays;
const problemSilence = (s: Signals, prefix: 'evidence' | 'moves') =>
  s.daysSinceLastProblem === null ? line(`${prefix}.no_problem_ever`) : line(`${prefix}.no_problem_weeks`, { weeks: Math.floor(s.daysSinceLastProblem / 7) });

type Candidate = [when: (s: Signals) => boolean, make: (s: Signals) => Line];
const always = () => true;

/** Moves while the community forms (few contributors, or its ways of working not agreed yet). */
const FORMING: Candidate[] = [
  [(s) => !s.charterExists, () => line('moves.draft_charter')],
  [(s) => s.charterExists && s.charterAcknowledged < T.charterShare * s.launched, (s) => line('moves.acknowledge_charter', { count: s.charterAcknowledged, launched: s.launched })],
  [(s) => s.neverLaunched >= Math.max(1, T.neverShare * s.roster), (s) => line('moves.invite_never_launched', { count: s.neverLaunched })],
  [always, () => line('moves.first_meeting')],
  [always, () => line('moves.opening_question')],
];

/** Moves per rule, most useful first; each applies only when its condition holds. */
const MOVES: Record<RuleId, Candidate[]> = {
  forming: FORMING,
  charter: FORMING,
  newcomers: [
    [always, (s) => line('moves.welcome_newcomers', { count: s.newcomers })],
    [always, () => line('moves.pair_mentors')],
    [always, () => line('moves.restate_purpose')],
  ],
  sharing: [
    [quietProblems, (s) => problemSilence(s, 'moves')],
    [(s) => share(s.buildOn, s.buildOn + s.starts) < T.buildOnShare, (s) => line('moves.answer_threads', { buildOn: pct(s.buildOn, s.buildOn + s.starts) })],
    [always, () => line('moves.knowledge_thread')],
    [(s) => s.readersOnly >= T.readersShare * s.launched && s.readersOnly > 0, (s) => line('moves.invite_readers', { count: s.readersOnly })],
    [always, () => line('moves.adaptation_notes')],
  ],
  learning: [
    [(s) => s.riseAbove === 0, (s) => line('moves.rise_above', { count: s.buildOn })],
    [quietProblems, (s) => problemSilence(s, 'moves')],
    [always, () => line('moves.adaptation_notes')],
    [always, () => line('moves.pair_mentors')],
  ],
  solving: [
    [(s) => s.problems > s.problemsWithLead, (s) => line('moves.unanswered_problems', { count: s.problems - s.problemsWithLead })],
    [(s) => s.problemsSolved < s.problemsWithLead, () => line('moves.accept_solutions')],
    [always, () => line('moves.solutions_to_resources')],
    [always, () => line('moves.who_can_help')],
  ],
};

/** Whatever the stage: a decision few took part in deserves discussion first. */
const GENERAL: Candidate[] = [[(s) => s.decisions > 0 && s.meanTurnout !== null && s.meanTurnout < T.lowTurnout, (s) => line('moves.low_turnout', { turnout: Math.round((s.meanTurnout ?? 0) * 100) })]];

/** Two or three moves: the general warning first when it applies, then the rule's own. */
function movesFor(s: Signals, rule: RuleId): Line[] {
  return [...GENERAL, ...MOVES[rule]]
    .filter(([when]) => when(s))
    .slice(0, T.maxMoves)
    .map(([, make]) => make(s));
}
