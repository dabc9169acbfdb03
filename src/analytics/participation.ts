/**
 * Participation figures over a window of a History (pure): contributions over time by kind, each
 * member's contributions, the distribution of the roster (active contributors, occasional,
 * readers only, never launched) and the newcomers with their onboarding steps.
 */
import { DateTime } from 'luxon';
import { KINDS, contributionKind, emptyByKind, type Kind } from './kinds';
import { isRosterMember, neverLaunched, windowKey, type Act, type History, type RosterEntry, type Tally } from './history';
import { periodZone } from './period';

export interface Window {
  since: Date;
  until: Date;
}

/** A contribution: an activity with a kind. */
export interface Contribution {
  act: Act;
  kind: Kind;
}

/** The contributions made by roster members (any status) in the window. */
export function contributionsIn(h: History, w: Window): Contribution[] {
  const out: Contribution[] = [];
  for (const act of h.acts) {
    if (act.at < w.since || act.at >= w.until || act.membershipId === null) continue;
    const kind = contributionKind(act.verb, act.data);
    if (kind) out.push({ act, kind });
  }
  return out;
}

/**
 * The contributions of a window, counted: from the daily roll-ups when the history was loaded
 * with them (load.ts counts its windows in SQL), else from its activities (constructed histories).
 */
export function tallyOf(h: History, w: Window): Tally {
  if (h.tallies) {
    const t = h.tallies.byWindow.get(windowKey(w));
    if (!t) throw new Error(`analytics: the window ${w.since.toISOString()}–${w.until.toISOString()} was not loaded`);
    return t;
  }
  const t: Tally = { byMember: new Map(), byDay: new Map(), byVerb: new Map() };
  for (const { act, kind } of contributionsIn(h, w)) {
    const m = t.byMember.get(act.membershipId!) ?? { byKind: emptyByKind(), last: null };
    m.byKind[kind]++;
    if (!m.last || act.at > m.last) m.last = act.at;
    t.byMember.set(act.membershipId!, m);
    const date = DateTime.fromJSDate(act.at, { zone: periodZone() }).toISODate()!;
    const d = t.byDay.get(date) ?? emptyByKind();
    d[kind]++;
    t.byDay.set(date, d);
    const v = t.byVerb.get(act.verb) ?? { count: 0, links: 0 };
    v.count++;
    if (act.verb === 'post.rise_above' && Array.isArray(act.data?.links)) v.links += (act.data!.links as unknown[]).length;
    t.byVerb.set(act.verb, v);
  }
  return t;
}

export interface Bucket {
  /** First day of the week (Monday) or month, YYYY-MM-DD in the community's zone. */
  start: string;
  byKind: Record<Kind, number>;
  total: number;
}

/** Weekly buckets up to 26 weeks, monthly beyond (a chart of 100 bars is unreadable). */
export function seriesUnit(days: number): 'week' | 'month' {
  return days <= 26 * 7 ? 'week' : 'month';
}

/** Contributions per week (or month) and kind, every bucket of the window present, empty ones included. */
export function contributionSeries(h: History, w: Window, unit: 'week' | 'month'): Bucket[] {
  const buckets: Bucket[] = [];
  const index = new Map<string, Bucket>();
  const end = DateTime.fromJSDate(w.until, { zone: periodZone() });
  for (let d = DateTime.fromJSDate(w.since, { zone: periodZone() }).startOf(unit); d < end; d = d.plus({ [`${unit}s`]: 1 })) {
    const b = { start: d.toISODate()!, byKind: emptyByKind(), total: 0 };
    buckets.push(b);
    index.set(b.start, b);
  }
  for (const [date, byKind] of tallyOf(h, w).byDay) {
    const b = index.get(DateTime.fromISO(date, { zone: periodZone() }).startOf(unit).toISODate()!);
    if (!b) continue;
    for (const k of KINDS) {
      b.byKind[k] += byKind[k];
      b.total += byKind[k];
    }
  }
  return buckets;
}

export const CATEGORIES = ['active', 'occasional', 'reader', 'never'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Contributions an "active contributor" makes in the window: one every two weeks on average, at least 2. */
export function activeThreshold(w: Window): number {
  // Whole days first: a window that spans a change of clocks is an hour longer or shorter.
  const weeks = Math.ceil(Math.round((w.until.getTime() - w.since.getTime()) / 86_400_000) / 7);
  return Math.max(2, Math.ceil(weeks / 2));
}

/** Where a member falls: by contributions first; with none, never launched (roster) or reader only. */
export function categoryOf(r: RosterEntry, total: number, threshold: number): Category {
  if (total >= threshold) return 'active';
  if (total > 0) return 'occasional';
  return neverLaunched(r) ? 'never' : 'reader';
}

export interface MemberFigures {
  entry: RosterEntry;
  byKind: Record<Kind, number>;
  total: number;
  lastContributionAt: Date | null;
  category: Category;
}

/** Every membership's contributions in the window by kind, and its category. */
export function memberFigures(h: History, w: Window): MemberFigures[] {
  const byMember = tallyOf(h, w).byMember;
  const threshold = activeThreshold(w);
  return h.roster.map((entry) => {
    const m = byMember.get(entry.membershipId) ?? { byKind: emptyByKind(), last: null };
    const total = KINDS.reduce((s, k) => s + m.byKind[k], 0);
    // A copy: one tally serves several figures.
    return { entry, byKind: { ...m.byKind }, total, lastContributionAt: m.last, category: categoryOf(entry, total, threshold) };
  });
}

/** How the roster (active or invited, not observers) divides into the four categories. */
export function distribution(members: MemberFigures[]): { counts: Record<Category, number>; roster: number } {
  const counts: Record<Category, number> = { active: 0, occasional: 0, reader: 0, never: 0 };
  const roster = members.filter((m) => isRosterMember(m.entry));
  for (const m of roster) counts[m.category]++;
  return { counts, roster: roster.length };
}

export interface Newcomer {
  entry: RosterEntry;
  launched: boolean;
  charter: boolean;
  profile: boolean;
  contributed: boolean;
  mentor: boolean;
  /** Found their place: acknowledged the charter (when there is one) and contributed at least once. */
  onboarded: boolean;
}

/** Roster members who joined in the window, and which onboarding steps each has taken by its end. */
export function newcomers(h: History, w: Window): Newcomer[] {
  const by = (d: Date | null) => d !== null && d < w.until;
  return h.roster
    .filter((r) => isRosterMember(r) && r.joinedAt >= w.since && r.joinedAt < w.until)
    .map((r) => {
      const charter = by(r.charterAckAt);
      const contributed = by(r.firstContributionAt);
      return { entry: r, launched: !neverLaunched(r), charter, profile: by(r.profileAt), contributed, mentor: by(r.mentoredAt), onboarded: (charter || !h.charterExists) && contributed };
    });
}
