/**
 * Community-wide page data — the same for every member of a community (its courses, member
 * counts, latest conversations, open proposals…) — kept in memory between requests.
 *
 * Invalidation: every change to a community writes an activity row in the same transaction
 * (DESIGN.md, "Every action writes an activity row"), so the community's highest activity id is
 * a version of everything in it. Each use reads that version first (one indexed lookup, migration
 * 9030) and reloads when it moved: a member always sees their own change on the next page, and
 * several processes (web, worker) need no shared cache. Entries also expire after MAX_AGE_MS, which
 * bounds what depends on the clock alone (the next meeting of the home stops showing 3 hours
 * after it started) and anything written without an activity row.
 */
import { Activity } from '../activity/model';

export const MAX_AGE_MS = 30_000;
/** Communities kept (least recently used go first). */
const MAX_ENTRIES = 1000;

interface Entry {
  version: number;
  at: number;
  value: unknown;
}

const entries = new Map<string, Entry>();
/** Loads under way, by key and version. */
const inFlight = new Map<string, Promise<unknown>>();

/** The community's version: its highest activity id (0 before any activity). */
export async function communityVersion(communityId: number): Promise<number> {
  const max = await Activity.max('id', { where: { communityId } });
  return Number(max ?? 0);
}

/** The version read once per request: keyed on an object that lives as long as the request (its membership). */
const perRequest = new WeakMap<object, Promise<number>>();

/**
 * `load()`'s result for this community and key, from memory while the community has not changed
 * (and for at most MAX_AGE_MS). `load` must return plain data that callers do not mutate. Uses
 * sharing a `scope` (the request's membership object) read the version once.
 */
export async function cachedForCommunity<T>(communityId: number, key: string, load: () => Promise<T>, scope?: object): Promise<T> {
  const id = `${communityId}:${key}`;
  let pending = scope ? perRequest.get(scope) : undefined;
  if (!pending) {
    pending = communityVersion(communityId);
    if (scope) perRequest.set(scope, pending);
  }
  const version = await pending;
  const now = Date.now;
  const hit = entries.get(id);
  if (hit && hit.version === version && now() - hit.at < MAX_AGE_MS) {
    entries.delete(id);
    entries.set(id, hit); // most recently used last
    return hit.value as T;
  }
  // Requests arriving together after a change share one load (a class launching at once would
  // otherwise recompute the same data once per request).
  const flight = `${id}@${version}`;
  const running = inFlight.get(flight);
  if (running) return running as Promise<T>;
  const loading = load().then((value) => {
    entries.delete(id);
    entries.set(id, { version, at: now(), value });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return value;
  });
  inFlight.set(flight, loading);
  try {
    return await loading;
  } finally {
    inFlight.delete(flight);
  }
}

/** Forget everything (tests). */
export function clearCommunityCache(): void {
  entries.clear();
}
