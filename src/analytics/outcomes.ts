/**
 * What participation produces, over a window of a History (pure): problem requests answered and
 * solved, knowledge-building depth (contributions that build on others'), and decisions with
 * their turnout against the roster that could vote.
 */
import { BUILD_ON_VERBS, PROBLEM_VERBS, START_VERBS } from './kinds';
import { num, type Act, type History } from './history';
import { tallyOf, type Window } from './participation';

const within = (a: Act, w: Window) => a.at >= w.since && a.at < w.until;
const HOUR = 3_600_000;

/** The problem an activity is about: `data.problemId` when the feature writes it, else its subject. */
export function problemOf(a: Act): number | null {
  return num(a.data?.problemId) ?? a.subjectId;
}

export interface ProblemFigures {
  created: number;
  withLead: number;
  withoutLead: number;
  solved: number;
  /** solved / created, null when no problem was brought. */
  shareSolved: number | null;
  /** Median hours from the request to its first lead (problems that got one), null when none. */
  medianHoursToFirstLead: number | null;
}

/** Problem requests opened in the window: how fast the first lead came and how many were solved (by the window's end). */
export function problemFigures(h: History, w: Window): ProblemFigures {
  const opened = new Map<number, Date>();
  for (const a of h.acts) if (a.verb === PROBLEM_VERBS.create && within(a, w) && problemOf(a) !== null) opened.set(problemOf(a)!, a.at);
  const firstLead = new Map<number, Date>();
  const solved = new Set<number>();
  for (const a of h.acts) {
    const id = problemOf(a);
    if (id === null || !opened.has(id) || a.at >= w.until) continue;
    if (a.verb === PROBLEM_VERBS.lead && (!firstLead.has(id) || a.at < firstLead.get(id)!)) firstLead.set(id, a.at);
    if ((PROBLEM_VERBS.solved as readonly string[]).includes(a.verb)) solved.add(id);
  }
  const delays = [...firstLead].map(([id, at]) => Math.max(0, at.getTime() - opened.get(id)!.getTime()) / HOUR).sort((x, y) => x - y);
  return {
    created: opened.size,
    withLead: firstLead.size,
    withoutLead: opened.size - firstLead.size,
    solved: solved.size,
    shareSolved: opened.size ? solved.size / opened.size : null,
    medianHoursToFirstLead: median(delays),
  };
}

/** The median of sorted numbers, one decimal; null for none. */
export function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 10) / 10;
}

export interface DepthFigures {
  /** New threads and journal entries. */
  starts: number;
  replies: number;
  knowledge: number;
  riseAbove: number;
  comments: number;
  buildOn: number;
  /** buildOn / (buildOn + starts), null when nothing was written. */
  share: number | null;
  /** Contributions the rise-above notes synthesize (sum of their links). */
  synthesized: number;
}

/** Knowledge-building depth: of written contributions, the share that build on others' (replies, knowledge notes, rise-above notes, comments). */
export function depthFigures(h: History, w: Window): DepthFigures {
  const byVerb = tallyOf(h, w).byVerb;
  const count = (verb: string) => byVerb.get(verb)?.count ?? 0;
  const starts = START_VERBS.reduce((s, v) => s + count(v), 0);
  const buildOn = BUILD_ON_VERBS.reduce((s, v) => s + count(v), 0);
  const synthesized = byVerb.get('post.rise_above')?.links ?? 0;
  return {
    starts,
    replies: count('post.reply'),
    knowledge: count('post.knowledge'),
    riseAbove: count('post.rise_above'),
    comments: count('comment.create'),
    buildOn,
    share: starts + buildOn ? buildOn / (starts + buildOn) : null,
    synthesized,
  };
}

export interface DecisionRow {
  proposalId: number;
  title: string;
  decidedAt: Date;
  result: string;
  voters: number;
  eligible: number;
  turnout: number | null;
}

/** Proposals decided in the window, each with its turnout (voters / eligible roster), and the mean turnout. */
export function decisionFigures(h: History, w: Window): { rows: DecisionRow[]; meanTurnout: number | null; opened: number } {
  const rows = h.decisions
    .filter((d) => d.decidedAt >= w.since && d.decidedAt < w.until)
    .map((d) => ({ proposalId: d.proposalId, title: d.title, decidedAt: d.decidedAt, result: d.result, voters: d.voters.length, eligible: d.eligible, turnout: d.eligible ? Math.min(1, d.voters.length / d.eligible) : null }));
  const known = rows.filter((r) => r.turnout !== null);
  // Loaded histories count proposals opened in the roll-ups (by a member, as governance records them).
  const opened = h.tallies ? (tallyOf(h, w).byVerb.get('proposal.open')?.count ?? 0) : h.acts.filter((a) => a.verb === 'proposal.open' && within(a, w)).length;
  return { rows, meanTurnout: known.length ? known.reduce((s, r) => s + r.turnout!, 0) / known.length : null, opened };
}
