/**
 * Roster change tracking, so NRPS can answer `since=` (NRPS 2.0 §2.4.2 "Membership
 * differences"): each member keeps the time it last changed; removed members are kept as
 * tombstones and reported with status "Deleted".
 */
import type { DevUser } from './types';

/** When a member last changed; `removed` holds the user as it was when it left the roster. */
export interface RosterChange {
  at: number;
  removed?: DevUser;
}

/** Records in `changes` what differs between two rosters, stamped `now`. */
export function diffRoster(before: DevUser[], after: DevUser[], changes: Map<string, RosterChange>, now: number): void {
  const old = new Map(before.map((u) => [u.id, u]));
  const next = new Set(after.map((u) => u.id));
  for (const u of after) {
    const prev = old.get(u.id);
    if (!prev || JSON.stringify(prev) !== JSON.stringify(u)) changes.set(u.id, { at: now });
  }
  for (const u of before) if (!next.has(u.id)) changes.set(u.id, { at: now, removed: u });
}

/** A member as NRPS lists it, with the status it should carry. */
export interface ListedMember {
  user: DevUser;
  status: 'Active' | 'Inactive' | 'Deleted';
}

/**
 * The members to list: the whole current roster, or only those changed at or after
 * `since` (ms) including Deleted ones. A member never touched through setRoster counts as
 * unchanged since the platform started.
 */
export function listMembers(roster: DevUser[], changes: Map<string, RosterChange> | undefined, since?: number): ListedMember[] {
  const current = roster.map((user) => ({ user, status: user.status ?? 'Active' }) as ListedMember);
  if (since === undefined) return current;
  const changedSince = (id: string) => (changes?.get(id)?.at ?? -Infinity) >= since;
  const deleted = [...(changes?.entries() ?? [])]
    .filter(([, c]) => c.removed && c.at >= since)
    .map(([, c]) => ({ user: c.removed as DevUser, status: 'Deleted' }) as ListedMember);
  return [...current.filter((m) => changedSince(m.user.id)), ...deleted];
}
