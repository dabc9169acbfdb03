import type { Config } from '../config';
import { recipientHint, unsubscribeSignature } from './tokens';
import type { UnsubscribeTarget } from './kinds';

/**
 * Is `link` an app path inside this community? Notifications only ever point into their own
 * community (no open redirect through "open the notification", nothing of A reachable from B).
 */
export function isCommunityPath(communityId: number, link: string): boolean {
  if (typeof link !== 'string' || link.length > 1000 || /[\\\s]/.test(link) || link.includes('//')) return false;
  const base = `/c/${communityId}`;
  return link === base || ['/', '?', '#'].some((sep) => link.startsWith(base + sep));
}

/**
 * An absolute link for an e-mail: the tool URL itself (`${PUBLIC_URL}/c/3/…`). Opened outside
 * the LMS it has no session, so it shows the "open CoPeR from your course" page; the signed
 * recipient hint lets that page offer the member's own course.
 */
export function emailLink(config: Config, appPath: string, membershipId: number): string {
  const url = new URL(config.PUBLIC_URL + appPath);
  url.searchParams.set('r', recipientHint(config.LTI_KEY, membershipId, url.pathname));
  return url.href;
}

/** The unsubscribe address (GET shows a confirmation, POST applies; RFC 8058 one-click works too). */
export function unsubscribeLink(config: Config, membershipId: number, target: UnsubscribeTarget): string {
  const url = new URL(config.PUBLIC_URL + '/notifications/unsubscribe');
  url.searchParams.set('m', String(membershipId));
  url.searchParams.set('k', target);
  url.searchParams.set('sig', unsubscribeSignature(config.LTI_KEY, membershipId, target));
  return url.href;
}
