import type { Lang } from '../i18n';

/** A date for display: ISO for <time datetime>, and a short localized label (Québec French or Canadian English). */
export function dateView(d: Date | null | undefined, lang: Lang): { iso: string; label: string } | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  return {
    iso: date.toISOString(),
    label: date.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }),
  };
}
