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

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return { iso: date.toISOString(), label: (FORMATS[lang] ?? FORMATS.en).format(date) };
}
