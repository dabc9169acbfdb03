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

/**
 * Labels already written, by language, zone, style and instant: the community home shows the
 * same few dozen dates to every member (its feed is cached), and each `format` call was a visible
 * share of the page's profile. Past the bound the oldest labels are dropped.
 */
const labels = new Map<string, string>();
const LABELS_LIMIT = 5_000;

function label(date: Date, lang: Lang, zone: string, style: keyof typeof STYLES): string {
  const key = `${date.getTime()}|${lang}|${zone}|${style}`;
  let text = labels.get(key);
  if (text === undefined) {
    text = formatter(lang, zone, style).format(date);
    if (labels.size >= LABELS_LIMIT) labels.delete(labels.keys().next().value!);
    labels.set(key, text);
  }
  return text;
}

/** Labels for views (app.locals): every date a page shows goes through these, in the reader's zone. */
export const dateLabels = {
  when: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? label(new Date(d), lang, zone, 'when') : ''),
  day: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? label(new Date(d), lang, zone, 'day') : ''),
  /** A calendar day written YYYY-MM-DD (no instant, so no zone), in full words: "1er juillet 2025" (French writes the first of the month as an ordinal), "July 1, 2025". */
  calendarDay: (ymd: string, lang: Lang): string => {
    const text = label(new Date(`${ymd}T12:00:00Z`), lang, 'UTC', 'long');
    return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
  },
};

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang, zone = currentZone()): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return { iso: date.toISOString(), label: label(date, lang, zone, 'when') };
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
