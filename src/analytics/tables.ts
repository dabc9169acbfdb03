/**
 * The dashboard's tables as plain rows of text and numbers, in the reader's language: the page
 * shows them (each chart's data-table alternative, the figure tables) and the CSV export writes
 * the very same rows.
 */
import type { TFunction } from 'i18next';
import { KINDS } from './kinds';
import { CATEGORIES } from './participation';
import { periodZone } from './period';
import type { DashboardFigures } from './figures';
import type { Features, MemberExtras } from './features';

export const TABLE_IDS = ['series', 'distribution', 'newcomers', 'problems', 'depth', 'decisions', 'members'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export type Cell = string | number | null;
export interface Table {
  id: TableId;
  caption: string;
  columns: string[];
  rows: Array<{ cells: Cell[]; membershipId?: number }>;
}

/** Year, month and day in the community's zone (one formatter: luxon's per-date zone lookup was most of a large dashboard's time). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayParts(zone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(zone);
  if (!f) dayFormats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}

/** A date (YYYY-MM-DD) in the community's zone; '' for none. */
export function day(d: Date | null, zone = periodZone()): string {
  if (!d) return '';
  const p = Object.fromEntries(dayParts(zone).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** Contributions per week or month and kind (the first chart's data). */
export function seriesTable(t: TFunction, f: DashboardFigures): Table {
  return {
    id: 'series',
    caption: t('analytics.series.caption'),
    columns: [t(`analytics.series.${f.unit}`), ...KINDS.map((k) => t(`analytics.kinds.${k}`)), t('analytics.total')],
    rows: f.series.map((b) => ({ cells: [b.start, ...KINDS.map((k) => b.byKind[k]), b.total] })),
  };
}

/** The roster by category (the second chart's data). */
export function distributionTable(t: TFunction, f: DashboardFigures): Table {
  const { counts, roster } = f.distribution;
  return {
    id: 'distribution',
    caption: t('analytics.distribution.caption'),
    columns: [t('analytics.distribution.category'), t('analytics.distribution.members'), t('analytics.distribution.share')],
    rows: CATEGORIES.map((c) => ({ cells: [t(`analytics.categories.${c}`), counts[c], percent(roster ? counts[c] / roster : null)] })),
  };
}

/** Newcomers of the period and their onboarding steps; profile and mentor columns only when those features exist. */
export function newcomersTable(t: TFunction, f: DashboardFigures, features: Features): Table {
  const yes = (b: boolean) => t(b ? 'analytics.yes' : 'analytics.no');
  return {
    id: 'newcomers',
    caption: t('analytics.newcomers.caption'),
    columns: [
      t('analytics.members.name'), t('analytics.newcomers.joined'), t('analytics.newcomers.launched'), t('analytics.newcomers.charter'),
      ...(features.profiles ? [t('analytics.newcomers.profile')] : []), t('analytics.newcomers.contributed'), ...(features.mentoring ? [t('analytics.newcomers.mentor')] : []),
    ],
    rows: f.newcomers.map((n) => ({
      membershipId: n.entry.membershipId,
      cells: [n.entry.erased ? t('analytics.erased') : n.entry.name, day(n.entry.joinedAt), yes(n.launched), yes(n.charter), ...(features.profiles ? [yes(n.profile)] : []), yes(n.contributed), ...(features.mentoring ? [yes(n.mentor)] : [])],
    })),
  };
}

/** Problem requests: time to first lead and share solved. */
export function problemsTable(t: TFunction, f: DashboardFigures): Table {
  const p = f.problems;
  const rows: Array<[string, Cell]> = [
    ['created', p.created], ['with_lead', p.withLead], ['without_lead', p.withoutLead], ['solved', p.solved],
    ['share_solved', percent(p.shareSolved)], ['median_hours', p.medianHoursToFirstLead],
  ];
  return { id: 'problems', caption: t('analytics.problems.caption'), columns: [t('analytics.figure'), t('analytics.value')], rows: rows.map(([k, v]) => ({ cells: [t(`analytics.problems.${k}`), v] })) };
}

/** Knowledge-building depth (the third chart's data, and the share that builds on others). */
export function depthTable(t: TFunction, f: DashboardFigures): Table {
  const d = f.depth;
  const rows: Array<[string, Cell]> = [
    ['starts', d.starts], ['replies', d.replies], ['knowledge', d.knowledge], ['rise_above', d.riseAbove], ['comments', d.comments],
    ['share', percent(d.share)], ['synthesized', d.synthesized],
  ];
  return { id: 'depth', caption: t('analytics.depth.caption'), columns: [t('analytics.figure'), t('analytics.value')], rows: rows.map(([k, v]) => ({ cells: [t(`analytics.depth.${k}`), v] })) };
}

/** Decisions of the period and their turnout against the roster that could vote. */
export function decisionsTable(t: TFunction, f: DashboardFigures): Table {
  return {
    id: 'decisions',
    caption: t('analytics.decisions.caption'),
    columns: ['proposal', 'decided', 'result', 'voters', 'eligible', 'turnout'].map((k) => t(`analytics.decisions.${k}`)),
    rows: f.decisions.rows.map((r) => ({ cells: [r.title, day(r.decidedAt), t(`governance.results.${r.result}`, { defaultValue: r.result }), r.voters, r.eligible, percent(r.turnout)] })),
  };
}

/** Every member's contributions by kind, category and last visit; points and PD hours when those modules exist. */
export function membersTable(t: TFunction, f: DashboardFigures, features: Features, extras: Map<number, MemberExtras>): Table {
  const more = [...(features.points ? ['points'] : []), ...(features.pdHours ? ['pd_hours'] : [])];
  return {
    id: 'members',
    caption: t('analytics.members.caption'),
    columns: [
      t('analytics.members.name'), t('analytics.members.role'), t('analytics.members.status'), t('analytics.members.category'),
      ...KINDS.map((k) => t(`analytics.kinds.${k}`)), t('analytics.total'), t('analytics.members.last_contribution'), t('analytics.members.last_visit'),
      ...more.map((k) => t(`analytics.members.${k}`)),
    ],
    rows: f.members.map((m) => {
      const x = extras.get(m.entry.membershipId);
      return {
        membershipId: m.entry.membershipId,
        cells: [
          m.entry.erased ? t('analytics.erased') : m.entry.name, t(`roles.${m.entry.role}`), t(`members.status.${m.entry.status}`), t(`analytics.categories.${m.category}`),
          ...KINDS.map((k) => m.byKind[k]), m.total, day(m.lastContributionAt), day(m.entry.lastVisitAt ?? m.entry.lastLaunchAt),
          ...(features.points ? [x?.points ?? null] : []), ...(features.pdHours ? [x?.pdHours ?? null] : []),
        ],
      };
    }),
  };
}

const BUILDERS: Record<TableId, (t: TFunction, f: DashboardFigures, features: Features, extras: Map<number, MemberExtras>) => Table> = {
  series: (t, f) => seriesTable(t, f),
  distribution: (t, f) => distributionTable(t, f),
  newcomers: (t, f, features) => newcomersTable(t, f, features),
  problems: (t, f) => problemsTable(t, f),
  depth: (t, f) => depthTable(t, f),
  decisions: (t, f) => decisionsTable(t, f),
  members: (t, f, features, extras) => membersTable(t, f, features, extras),
};

/** The dashboard's tables named (the page shows all but the member table, which has its own page; the CSV export picks one): only those are built. */
export function dashboardTables<Id extends TableId>(t: TFunction, f: DashboardFigures, features: Features, extras: Map<number, MemberExtras>, ids: readonly Id[]): Record<Id, Table> {
  return Object.fromEntries(ids.map((id) => [id, BUILDERS[id](t, f, features, extras)])) as Record<Id, Table>;
}
