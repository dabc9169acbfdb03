import type { Lang } from '../i18n';

/** The locale of each language: Québec French and Canadian English, for every number and date shown. */
export const localeOf = (lang: Lang): 'fr-CA' | 'en-CA' => (lang === 'fr' ? 'fr-CA' : 'en-CA');

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number for display in the reader's language ("1 234,5" / "1,234.5"), at most `max` decimals.
 * Formatters are built once per language and precision (app.locals.formatNumber for views).
 */
export function formatNumber(lang: Lang, n: number | string | null | undefined, max = 2, min = 0): string {
  if (n === null || n === undefined || n === '') return '';
  const key = `${lang}|${max}|${min}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: max, minimumFractionDigits: min });
    formatters.set(key, f);
  }
  return f.format(Number(n));
}
