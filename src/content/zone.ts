import { AsyncLocalStorage } from 'node:async_hooks';

/** Most members are in Québec and Ontario: Eastern time until they choose another zone. */
export const DEFAULT_ZONE = 'America/Toronto';

/**
 * The reader's time zone for the request being served (their own choice, else the default), so
 * every date a page shows is in it without passing it through every presenter. Background work
 * formats in a recipient's zone with `inZone`.
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
