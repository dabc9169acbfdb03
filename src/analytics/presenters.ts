/**
 * Plain data for the analytics views: the stage in words, the three charts (SVG strings built
 * here, from trusted catalog text and numbers, escaped), and the tables. Templates never see a
 * model instance nor compute a figure.
 */
import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { Lang } from '../i18n';
import { KINDS } from './kinds';
import { CATEGORIES, type Bucket } from './participation';
import { periodZone } from './period';
import { horizontalBars, stackedBars } from './charts';
import type { StageReading, Line } from './stage';
import type { DashboardFigures } from './figures';
import type { Features, MemberExtras } from './features';
import { dashboardTables, day, type Table, type TableId } from './tables';
import type { MemberSummary } from './service';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;
/** The period and cohort a page shows, carried by its links. */
type Filters = Record<string, string | number | undefined>;

const base = (communityId: number) => `/c/${communityId}/analytics`;

/** The addresses the analytics pages link to; links keep the period and cohort, form actions do not. */
export function analyticsLinks(communityId: number, url: Url, filters: Filters) {
  return {
    dashboard: url(base(communityId), filters),
    dashboardForm: url(base(communityId)),
    members: url(`${base(communityId)}/members`, filters),
    membersForm: url(`${base(communityId)}/members`),
  };
}

/** A member's page: back to the members' table, and the period form's action (own page or a facilitator's view). */
export function memberLinks(communityId: number, membershipId: number, own: boolean, url: Url, filters: Filters) {
  const page = own ? `/c/${communityId}/my-activity` : `${base(communityId)}/members/${membershipId}`;
  return { back: url(`${base(communityId)}/members`, filters), period: url(page) };
}

/** A table as a page shows it: each member's row linked to their page, and its CSV download. */
export function linkTable(tbl: Table, communityId: number, url: Url, filters: Filters) {
  return {
    ...tbl,
    exportHref: url(`${base(communityId)}/export.csv`, { ...filters, table: tbl.id }),
    rows: tbl.rows.map((r) => ({ ...r, href: r.membershipId ? url(`${base(communityId)}/members/${r.membershipId}`, filters) : null })),
  };
}

export const locale = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');
/** "42 %" in French (with a non-breaking space), "42%" in English. */
export const percentText = (n: number, lang: Lang) => (lang === 'fr' ? `${n}\u00a0%` : `${n}%`);

/** A stage line in the reader's language (a stage parameter names a stage: the catalog nests its name). */
export function lineText(t: TFunction, l: Line): string {
  return t(l.key, l.params);
}

/** The stage panel: name, what it means, why, and the suggested moves. */
export function presentStage(t: TFunction, r: StageReading) {
  return {
    stage: r.stage,
    rule: r.rule,
    name: t(`analytics.stages.${r.stage}`),
    meaning: t(`analytics.stage_help.${r.stage}`),
    evidence: r.evidence.map((l) => lineText(t, l)),
    moves: r.moves.map((l) => lineText(t, l)),
  };
}

/** A bucket's axis label: "2 mars" / "Mar 2" for weeks, "mars 26" / "Mar 26" for months. */
function bucketLabel(start: string, unit: 'week' | 'month', lang: Lang): string {
  const d = DateTime.fromISO(start, { zone: periodZone() }).setLocale(locale(lang));
  return unit === 'week' ? d.toFormat(lang === 'fr' ? 'd LLL' : 'LLL d') : d.toFormat('LLL yy');
}

/** The contributions-over-time chart (stacked by kind). */
export function seriesChart(t: TFunction, lang: Lang, id: string, series: Bucket[], unit: 'week' | 'month'): string {
  const sums = Object.fromEntries(KINDS.map((k) => [k, series.reduce((s, b) => s + b.byKind[k], 0)])) as Record<string, number>;
  return stackedBars({
    id,
    title: t('analytics.series.title'),
    desc: t(`analytics.series.desc_${unit}`, { count: series.length, total: series.reduce((s, b) => s + b.total, 0), ...sums }),
    series: KINDS.map((k) => ({ className: `k-${k}`, label: t(`analytics.kinds.${k}`) })),
    bars: series.map((b) => ({ label: bucketLabel(b.start, unit, lang), values: KINDS.map((k) => b.byKind[k]) })),
  });
}

/** Everything the dashboard page shows. */
/** The tables the dashboard page shows: every one but the member table (its own page, /analytics/members). */
const PAGE_TABLES = ['series', 'distribution', 'newcomers', 'problems', 'depth', 'decisions'] as const satisfies readonly TableId[];

export function presentDashboard(t: TFunction, lang: Lang, f: DashboardFigures, features: Features, extras: Map<number, MemberExtras>, link: (tbl: Table) => ReturnType<typeof linkTable>) {
  const { counts, roster } = f.distribution;
  const pct = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);
  const depthRows = (['starts', 'replies', 'knowledge', 'rise_above', 'comments'] as const).map((k) => ({ key: k, value: { starts: f.depth.starts, replies: f.depth.replies, knowledge: f.depth.knowledge, rise_above: f.depth.riseAbove, comments: f.depth.comments }[k] }));
  return {
    stage: presentStage(t, f.stage),
    legend: KINDS.map((k) => ({ className: `k-${k}`, label: t(`analytics.kinds.${k}`) })),
    charts: {
      series: seriesChart(t, lang, 'chart-series', f.series, f.unit),
      distribution: horizontalBars({
        id: 'chart-distribution',
        title: t('analytics.distribution.title'),
        desc: t('analytics.distribution.desc', { roster, ...counts }),
        rows: CATEGORIES.map((c) => ({ label: t(`analytics.categories.${c}`), value: counts[c], display: `${counts[c]} (${percentText(pct(counts[c], roster), lang)})`, className: `c-${c}` })),
      }),
      depth: horizontalBars({
        id: 'chart-depth',
        title: t('analytics.depth.title'),
        desc: t('analytics.depth.desc', { share: f.depth.share === null ? 0 : Math.round(f.depth.share * 100), riseAbove: f.depth.riseAbove }),
        rows: depthRows.map((r) => ({ label: t(`analytics.depth.${r.key}`), value: r.value, display: String(r.value), className: r.key === 'starts' ? 'd-start' : 'd-build' })),
      }),
    },
    tables: Object.fromEntries(Object.entries(dashboardTables(t, f, features, extras, PAGE_TABLES)).map(([id, tbl]) => [id, link(tbl)])) as Record<(typeof PAGE_TABLES)[number], ReturnType<typeof linkTable>>,
    summary: {
      roster,
      threshold: f.threshold,
      newcomers: f.newcomers.length,
      onboarded: f.newcomers.filter((n) => n.onboarded).length,
      meanTurnout: f.decisions.meanTurnout === null ? null : Math.round(f.decisions.meanTurnout * 100),
      opened: f.decisions.opened,
      problems: f.problems,
      depthShare: f.depth.share === null ? null : Math.round(f.depth.share * 100),
    },
    features,
  };
}

/**
 * One member's summary as the page shows it: to a facilitator (per-member view) or to the member
 * themself (my activity). Only this member's own traces: nothing about anyone else.
 */
export function presentMember(t: TFunction, lang: Lang, s: MemberSummary, features: Features) {
  const e = s.figures.entry;
  const o = s.onboarding;
  const steps: Array<[string, boolean, boolean]> = [
    ['launched', o.launched, true],
    ['charter', o.charter, true],
    ['profile', o.profile, features.profiles],
    ['contributed', o.contributed, true],
    ['mentor', o.mentor, features.mentoring],
  ];
  const series: Table = {
    id: 'series',
    caption: t('analytics.member.series_caption'),
    columns: [t(`analytics.series.${s.unit}`), ...KINDS.map((k) => t(`analytics.kinds.${k}`)), t('analytics.total')],
    rows: s.series.map((b) => ({ cells: [b.start, ...KINDS.map((k) => b.byKind[k]), b.total] })),
  };
  return {
    name: e.erased ? t('analytics.erased') : e.name,
    role: t(`roles.${e.role}`),
    status: t(`members.status.${e.status}`),
    category: t(`analytics.categories.${s.figures.category}`),
    byKind: KINDS.map((k) => ({ className: `k-${k}`, label: t(`analytics.kinds.${k}`), value: s.figures.byKind[k] })),
    total: s.figures.total,
    lastContribution: day(s.figures.lastContributionAt),
    lastVisit: day(e.lastVisitAt ?? e.lastLaunchAt),
    joined: day(e.joinedAt),
    legend: KINDS.map((k) => ({ className: `k-${k}`, label: t(`analytics.kinds.${k}`) })),
    chart: seriesChart(t, lang, 'chart-member', s.series, s.unit),
    series,
    verbs: s.verbs.map((v) => ({ label: t(`analytics.verbs.${v.verb.replace('.', '_')}`, { defaultValue: v.verb }), count: v.count })),
    onboarding: steps.filter(([, , shown]) => shown).map(([key, done]) => ({ label: t(`analytics.newcomers.${key}`), done })),
    points: features.points ? s.extras.points : null,
    pdHours: features.pdHours ? s.extras.pdHours : null,
  };
}
