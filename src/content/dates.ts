import type { Lang } from '../i18n';
import { currentZone } from './zone';
import { localeOf } from './numbers';

/**
 * Formatters built once per language, zone and style: `Date.prototype.toLocaleString` with options
 * builds an Intl.DateTimeFormat on every call, which showed in the benchmark's profiles (a thread
 * page formats about a hundred dates). Dates show in the reader's zone (zone.ts).
 */
const STYLES = {
  when: { dateStyle: 'medium', timeStyle: 'short' },
  day: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
} as const;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, zone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { ...STYLES[style], timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** Labels for views (app.locals): every date a page shows goes through these, in the reader's zone. */
export const dateLabels = {
  when: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? formatter(lang, zone, 'when').format(new Date(d)) : ''),
  day: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? formatter(lang, zone, 'day').format(new Date(d)) : ''),
  /** A calendar day written YYYY-MM-DD (no instant, so no zone), in full words: "1er juillet 2025" (French writes the first of the month as an ordinal), "July 1, 2025". */
  calendarDay: (ymd: string, lang: Lang): string => {
    const text = formatter(lang, 'UTC', 'long').format(new Date(`${ymd}T12:00:00Z`));
    return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
  },
};

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang, zone = currentZone()): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return { iso: date.toISOString(), label: formatter(lang, zone, 'when').format(date) };
}

const RELATIVE: Record<Lang, Intl.RelativeTimeFormat> = {
  fr: new Intl.RelativeTimeFormat(localeOf('fr'), { numeric: 'auto' }),
  en: new Intl.RelativeTimeFormat(localeOf('en'), { numeric: 'auto' }),
};

/** The largest unit that fits, for "3 hours ago" / "il y a 3 heures", "in 2 days" / "dans 2 jours". */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/** A date shown relative to now in the reader's language, with the full date for a tooltip and ISO for <time>. */
export function relativeView(d: Date | string | null | undefined, lang: Lang, now = new Date()): { iso: string; label: string; full: string } | null {
  const view = dateView(d ? new Date(d) : null, lang);
  if (!view) return null;
  const seconds = Math.round((new Date(view.iso).getTime() - now.getTime()) / 1000);
  const fmt = RELATIVE[lang] ?? RELATIVE.en;
  const unit = UNITS.find(([, size]) => Math.abs(seconds) >= size);
  const label = unit ? fmt.format(Math.trunc(seconds / unit[1]), unit[0]) : fmt.format(0, 'second');
  return { iso: view.iso, label, full: view.label };
}
