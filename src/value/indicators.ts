/**
 * The five value-creation cycles of Wenger, Trayner & de Laat (2011) with their indicators,
 * computed (pure) from the dashboard's own figures — so that the report and the dashboard always
 * agree — and from a few counts the dashboard does not show.
 *
 * - immediate: activities and interactions (contributions, active contributors, meeting attendance);
 * - potential: knowledge capital (resources shared, problem requests brought and solved, rise-above notes);
 * - applied: practices changed (adaptation notes, "I tried it", applied stories);
 * - realized: results seen (realized stories, PD hours approved);
 * - reframing: how the community and institutions work (decisions, charter versions, reframing stories).
 */
import type { DashboardFigures } from '../analytics/figures';
import type { MemberExtras } from '../analytics/features';
import type { StoryCycle } from '../stories/model';

export const VALUE_CYCLES = ['immediate', 'potential', 'applied', 'realized', 'reframing'] as const;
export type ValueCycle = (typeof VALUE_CYCLES)[number];

/** Counts read beside the dashboard's figures, over the same period and cohort. */
export interface ExtraCounts {
  attendance: number;
  resources: number;
  adaptations: number;
  trials: number;
  charterVersions: number;
  stories: Record<StoryCycle, number>;
}

export interface Indicator {
  key: string;
  value: number;
}

export interface CycleIndicators {
  cycle: ValueCycle;
  indicators: Indicator[];
}

/** Sum of hours, two decimals (the dashboard shows each member's rounded hours: their sum is what a reader adds up). */
const sumHours = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 100) / 100;

/** The five cycles' indicators, in display order. */
export function valueIndicators(f: DashboardFigures, extras: Map<number, MemberExtras>, c: ExtraCounts): CycleIndicators[] {
  const contributions = f.series.reduce((s, b) => s + b.total, 0);
  const pdHours = sumHours(f.members.map((m) => extras.get(m.entry.membershipId)?.pdHours ?? 0));
  return [
    { cycle: 'immediate', indicators: [
      { key: 'contributions', value: contributions },
      { key: 'active_contributors', value: f.distribution.counts.active },
      { key: 'roster', value: f.distribution.roster },
      { key: 'attendance', value: c.attendance },
    ] },
    { cycle: 'potential', indicators: [
      { key: 'resources', value: c.resources },
      { key: 'problems_brought', value: f.problems.created },
      { key: 'problems_solved', value: f.problems.solved },
      { key: 'rise_above', value: f.depth.riseAbove },
    ] },
    { cycle: 'applied', indicators: [
      { key: 'adaptations', value: c.adaptations },
      { key: 'trials', value: c.trials },
      { key: 'stories', value: c.stories.applied },
    ] },
    { cycle: 'realized', indicators: [
      { key: 'stories', value: c.stories.realized },
      { key: 'pd_hours', value: pdHours },
    ] },
    { cycle: 'reframing', indicators: [
      { key: 'decisions', value: f.decisions.rows.length },
      { key: 'charter_versions', value: c.charterVersions },
      { key: 'stories', value: c.stories.reframing },
    ] },
  ];
}
