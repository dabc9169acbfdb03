import type { Lang } from '../i18n';
import { currentZone } from './zone';

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
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { ...STYLES[style], timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** Labels for views (app.locals): every date a page shows goes through these, in the reader's zone. */
export const dateLabels = {
  when: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? formatter(lang, zone, 'when').format(new Date(d)) : ''),
  day: (d: Date | string | null | undefined, lang: Lang, zone = currentZone()): string => (d ? formatter(lang, zone, 'day').format(new Date(d)) : ''),
  /** A calendar day written YYYY-MM-DD (no instant, so no zone), in full words. */
  calendarDay: (ymd: string, lang: Lang): string => formatter(lang, 'UTC', 'long').format(new Date(`${ymd}T12:00:00Z`)),
};

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang, zone = currentZone()): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return { iso: date.toISOString(), label: formatter(lang, zone, 'when').format(date) };
}
