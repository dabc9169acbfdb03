/** The value report's cycles as plain data for the page: formatted figures and the stories behind each cycle. */
import type { Lang } from '../i18n';
import type { StoryView } from '../stories/presenters';
import { formatNumber } from '../content/numbers';
import type { ValueReport } from './report';

export function presentCycles(lang: Lang, report: ValueReport, stories: StoryView[]) {
  return report.cycles.map((c) => ({
    ...c,
    stories: stories.filter((s) => s.cycle === c.cycle),
    indicators: c.indicators.map((i) => ({ ...i, label: formatNumber(lang, i.value) })),
  }));
}
