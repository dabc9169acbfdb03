/**
 * One member's summary as the page shows it: to a facilitator (per-member view) or to the member
 * themself (my activity). Only this member's own traces: nothing about anyone else.
 */
import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import { KINDS } from './kinds';
import { seriesChart } from './presenters';
import { day, type Table } from './tables';
import type { MemberSummary } from './service';
import type { Features } from './features';

/** The member page's data. */
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
