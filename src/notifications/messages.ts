import { DateTime } from 'luxon';
import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { NotificationKind } from './kinds';
import { currentZone } from '../content/zone';
import { localeOf } from '../content/numbers';

/**
 * A date-time in the reader's language and zone ("23 nov. 2026, 14 h 05" / "Nov 23, 2026, 2:05 PM"):
 * the request's reader on a page, the recipient (`inZone`) in an e-mail or a digest.
 */
export function formatWhen(at: Date | string, lang: Lang, zone = currentZone()): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  if (!dt.isValid) return String(at);
  return dt.setLocale(localeOf(lang)).toLocaleString(DateTime.DATETIME_MED);
}

/**
 * The text of a notification in the reader's language, from the kind's catalog template
 * (`notifications.kinds.<kind>`) and the parameters the caller stored. `actor` falls back to
 * "someone", `title` to "untitled", and a `when` given as an ISO date is shown in the reader's
 * language and time zone.
 */
export function notificationText(t: TFunction, lang: Lang, kind: NotificationKind, params: Record<string, string | number>): string {
  const values: Record<string, string | number> = { ...params };
  values.actor = String(params.actor ?? '').trim() || t('notifications.someone');
  values.title = String(params.title ?? '').trim() || t('notifications.untitled');
  if (typeof params.when === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(params.when)) values.when = formatWhen(params.when, lang);
  return t(`notifications.kinds.${kind}`, values);
}
