/**
 * Community-wide page data — the same for every member of a community (its courses, member
 * counts, latest conversations, open proposals…) — kept in memory between requests.
 *
 * Invalidation: every change to a community writes an activity row in the same transaction
 * (DESIGN.md, "Every action writes an activity row"), so the id of the community's latest activity
 * row is a version of everything in it — leaving out rows of QUIET_VERBS (a returning member's
 * launch, activity/verbs.ts), which change nothing shown. Each use reads that version first and
 * reloads when it moved: a member always sees their own change on the next page, and several
 * processes (web, worker) need no shared cache. Entries also expire after MAX_AGE_MS, which bounds
 * what depends on the clock alone (the next meeting of the home stops showing 3 hours after it
 * started) and anything written without an activity row (a visit, a launch's date).
 */
import { QueryTypes } from 'sequelize';
import { Activity } from '../activity/model';
import { QUIET_VERBS } from '../activity/verbs';

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

/** Per community, what this process last read: its highest activity id (`top`) and its version. */
const seen = new Map<number, { top: number; version: number }>();

/**
 * The community's version: the id of its latest activity row that is not quiet (0 before any).
 * One statement on the index of migration 9030. Once known, only the rows added since are read
 * (a burst of launches costs each request the launches since the previous one, not all of them);
 * a highest id that went down (rows erased, a test database emptied) starts over.
 */
export async function communityVersion(communityId: number): Promise<number> {
  const sequelize = Activity.sequelize!;
  const known = seen.get(communityId);
  if (known) {
    const [row] = await sequelize.query<VersionRow>(
      'SELECT (SELECT MAX(id) FROM activities WHERE community_id = :c) AS top, ' +
        '(SELECT MAX(id) FROM activities WHERE community_id = :c AND id > :after AND verb NOT IN (:quiet)) AS moved',
      { type: QueryTypes.SELECT, replacements: { c: communityId, after: known.top, quiet: QUIET_VERBS } },
    );
    const version = versionFrom(communityId, known, row);
    if (version !== null) return version;
  }
  const [first] = await sequelize.query<{ top: number | string | null; version: number | string | null }>(
    'SELECT (SELECT MAX(id) FROM activities WHERE community_id = :c) AS top, ' +
      '(SELECT id FROM activities WHERE community_id = :c AND verb NOT IN (:quiet) ORDER BY id DESC LIMIT 1) AS version',
    { type: QueryTypes.SELECT, replacements: { c: communityId, quiet: QUIET_VERBS } },
  );
  const fresh = { top: Number(first.top ?? 0), version: Number(first.version ?? 0) };
  seen.set(communityId, fresh);
  return fresh.version;
}

type VersionRow = { top: number | string | null; moved: number | string | null };

/** The version from a row read since `known` (null when the highest id went down: start over). */
function versionFrom(communityId: number, known: { top: number; version: number }, row: VersionRow): number | null {
  const top = Number(row.top ?? 0);
  if (top < known.top) return null;
  const version = row.moved === null ? known.version : Math.max(known.version, Number(row.moved));
  if (top > known.top || version !== known.version) seen.set(communityId, { top, version });
  return version;
}

/**
 * The two columns of the version check, for a statement every community page runs anyway (the
 * member's kernel, web/kernel.ts): null until this process knows the community, since the check
 * reads only the rows added after what it saw. `fromVersionColumns` takes the row back.
 */
export function versionColumns(communityId: number, alias: string): { sql: string; replacements: Record<string, unknown> } | null {
  const known = seen.get(communityId);
  if (!known) return null;
  return {
    sql:
      `(SELECT MAX(id) FROM activities WHERE community_id = :vc) AS ${alias}_top, ` +
      `(SELECT MAX(id) FROM activities WHERE community_id = :vc AND id > :vafter AND verb NOT IN (:vquiet)) AS ${alias}_moved`,
    replacements: { vc: communityId, vafter: known.top, vquiet: QUIET_VERBS },
  };
}

/**
 * Keep the version read with the kernel as the version of this request (`scope`: its membership),
 * so `cachedForCommunity` reads no other. `after` is the top the columns were built with.
 */
export function useVersionRead(communityId: number, scope: object, after: number, row: Record<string, unknown>, alias: string): void {
  const known = seen.get(communityId);
  // Another request moved what this process knows meanwhile: let the cache read its own.
  if (!known || known.top !== after) return;
  const version = versionFrom(communityId, known, { top: row[`${alias}_top`] as VersionRow['top'], moved: row[`${alias}_moved`] as VersionRow['moved'] });
  if (version !== null) perRequest.set(scope, Promise.resolve(version));
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
  seen.clear();
}
