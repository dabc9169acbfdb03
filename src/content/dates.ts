import type { Lang } from '../i18n';

/**
 * One formatter per language, built once: `Date.prototype.toLocaleString` with options builds an
 * Intl.DateTimeFormat on every call, which showed in the benchmark's profiles (a thread page
 * formats about a hundred dates). Same options, same output.
 */
const FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }),
};

const DAYS: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeZone: 'America/Toronto' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeZone: 'America/Toronto' }),
};

const CALENDAR: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** Labels for views (app.locals): every date a page shows goes through these, in the same zone. */
export const dateLabels = {
  when: (d: Date | string | null | undefined, lang: Lang): string => (d ? (FORMATS[lang] ?? FORMATS.en).format(new Date(d)) : ''),
  day: (d: Date | string | null | undefined, lang: Lang): string => (d ? (DAYS[lang] ?? DAYS.en).format(new Date(d)) : ''),
  /** A calendar day written YYYY-MM-DD (no instant, so no zone), in full words. */
  calendarDay: (ymd: string, lang: Lang): string => (CALENDAR[lang] ?? CALENDAR.en).format(new Date(`${ymd}T12:00:00Z`)),
};

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return { iso: date.toISOString(), label: (FORMATS[lang] ?? FORMATS.en).format(date) };
}
