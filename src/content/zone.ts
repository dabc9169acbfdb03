import { AsyncLocalStorage } from 'node:async_hooks';

/** Most members are in Québec and Ontario: Eastern time unless the community or the member chose another zone. */
export const DEFAULT_ZONE = 'America/Toronto';

const ZONES = new Set(Intl.supportedValuesOf('timeZone'));
ZONES.add('UTC');

/** Every IANA zone the runtime knows, for the forms that choose one. */
export function timeZones(): string[] {
  return [...ZONES].sort();
}

export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && ZONES.has(zone);
}

/** The choice "use my community's zone" in the member's zone form (no IANA zone is spelled so). */
export const COMMUNITY_ZONE = 'community';

/**
 * The one rule for a reader's zone (README, "Time zones"): the member's own choice, else their
 * community's zone, else the default. A value the runtime does not know is skipped.
 */
export function pickZone(own: string | null | undefined, community: string | null | undefined): string {
  if (isTimeZone(own)) return own;
  if (isTimeZone(community)) return community;
  return DEFAULT_ZONE;
}

/**
 * The reader's time zone for the request being served (pickZone, entered by communityMember), so
 * every date a page shows is in it without passing it through every presenter. Background work
 * (e-mails, digests) formats in a recipient's zone with `inZone`.
 */
const requestZone = new AsyncLocalStorage<string>();

export function enterZone(zone: string): void {
  requestZone.enterWith(zone);
}

export function inZone<T>(zone: string, fn: () => T): T {
  return requestZone.run(zone, fn);
}

export function currentZone(): string {
  return requestZone.getStore() ?? DEFAULT_ZONE;
}
