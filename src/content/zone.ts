import { AsyncLocalStorage } from 'node:async_hooks';
import { isTimeZone } from '../kernel/time-zones';

/** Most members are in Québec and Ontario: Eastern time unless the community or the member chose another zone. */
export const DEFAULT_ZONE = 'America/Toronto';

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
 * The zones of the request being served, entered by communityMember: the reader's (pickZone) for
 * every date a page shows, without passing it through every presenter; and the community's, for
 * what is the same for every reader (a dashboard's days and weeks, its CSV, a PDF the community
 * issues). Background work formats in a recipient's zone with `inZone`.
 */
const requestZone = new AsyncLocalStorage<{ reader: string; community: string }>();

export function enterZone(reader: string, community = reader): void {
  requestZone.enterWith({ reader, community });
}

export function inZone<T>(reader: string, fn: () => T, community = reader): T {
  return requestZone.run({ reader, community }, fn);
}

/** The reader's zone (their own, else their community's, else the default). */
export function currentZone(): string {
  return requestZone.getStore()?.reader ?? DEFAULT_ZONE;
}

/** The community's zone (else the default): days, weeks and periods counted alike for every reader. */
export function communityZone(): string {
  return requestZone.getStore()?.community ?? DEFAULT_ZONE;
}
