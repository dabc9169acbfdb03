import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { Notification } from './model';
import { NOTIFICATION_KINDS, DELIVERIES, FACILITATOR_DELIVERIES, FACILITATOR_DIGEST, type PreferenceKey } from './kinds';
import type { PreferenceMap } from './preferences';
import { formatWhen, notificationText } from './messages';
import { preferenceField } from './schemas';

type Url = (p: string, q?: Record<string, string | number | undefined>) => string;

/**
 * The addresses of a member's notifications pages. The two forms post to bare paths, as they
 * always have; the pager's pages are given for the current page.
 */
export function notificationLinks(communityId: number, url: Url, page = 1) {
  const base = `/c/${communityId}/notifications`;
  return {
    list: url(base), preferences: url(`${base}/preferences`), readAll: `${base}/read-all`, savePreferences: `${base}/preferences`,
    newer: url(base, { page: page - 1 }), older: url(base, { page: page + 1 }),
  };
}

/** One row of the notifications page (plain data for the view). */
export function presentNotification(n: Notification, t: TFunction, lang: Lang, url: Url) {
  return {
    id: n.id,
    text: notificationText(t, lang, n.kind, n.params),
    href: url(`/c/${n.communityId}/notifications/${n.id}/open`),
    unread: !n.readAt,
    at: n.createdAt.toISOString(),
    when: formatWhen(n.createdAt, lang),
  };
}

/** The preferences form: a row per kind with its choices, the current one selected. */
export function presentPreferences(t: TFunction, prefs: PreferenceMap | Record<string, string>, withFacilitatorDigest: boolean) {
  const row = (key: PreferenceKey, options: readonly string[]) => ({
    key,
    name: preferenceField(key),
    id: `pref-${key.replace(/\./g, '-')}`,
    label: t(`notifications.prefs.kinds.${key}`),
    options: options.map((o) => ({ value: o, label: t(`notifications.prefs.deliveries.${o}`), selected: prefs[key] === o })),
  });
  const rows = NOTIFICATION_KINDS.map((k) => row(k, DELIVERIES));
  return { rows, facilitator: withFacilitatorDigest ? row(FACILITATOR_DIGEST, FACILITATOR_DELIVERIES) : null };
}
