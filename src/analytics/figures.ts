/**
 * Everything the dashboard shows for one period, computed once from a History (pure): the page,
 * the CSV export and the digest read the same figures, so they always agree.
 */
import { forCohort, type History } from './history';
import { stageWindow, type Period } from './period';
import { contributionSeries, distribution, memberFigures, newcomers, seriesUnit, activeThreshold, type Bucket, type Category, type MemberFigures, type Newcomer } from './participation';
import { decisionFigures, depthFigures, problemFigures, type DecisionRow, type DepthFigures, type ProblemFigures } from './outcomes';
import { computeSignals, type Signals } from './signals';
import { readStage, type StageReading } from './stage';

export interface DashboardFigures {
  unit: 'week' | 'month';
  series: Bucket[];
  members: MemberFigures[];
  distribution: { counts: Record<Category, number>; roster: number };
  threshold: number;
  newcomers: Newcomer[];
  problems: ProblemFigures;
  depth: DepthFigures;
  decisions: { rows: DecisionRow[]; meanTurnout: number | null; opened: number };
  signals: Signals;
  stage: StageReading;
}

/**
 * The figures of a period, optionally for one cohort. The History must cover both the period and
 * the stage window (the 4 weeks ending with the period): see historyRange.
 */
export function dashboardFigures(full: History, period: Period, cohortId: number | null): DashboardFigures {
  const h = forCohort(full, cohortId);
  const w = { since: period.since, until: period.until };
  const members = memberFigures(h, w);
  const signals = computeSignals(h, stageWindow(period));
  return {
    unit: seriesUnit(period.days),
    series: contributionSeries(h, w, seriesUnit(period.days)),
    members,
    distribution: distribution(members),
    threshold: activeThreshold(w),
    newcomers: newcomers(h, w),
    problems: problemFigures(h, w),
    depth: depthFigures(h, w),
    decisions: decisionFigures(h, w),
    signals,
    stage: readStage(signals),
  };
}

/** The range to load: the period, widened to the stage window when the period is shorter. */
export function historyRange(period: Period): { since: Date; until: Date } {
  const stage = stageWindow(period);
  return { since: stage.since < period.since ? stage.since : period.since, until: period.until };
}
