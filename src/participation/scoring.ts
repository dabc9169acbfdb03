/**
 * The participation score as a pure function over activity rows, manual adjustments and the
 * community's rules: no database, no clock (the caller passes `now`), so every rule (minimum
 * length, caps, periods, adjustments, revoked attendance, duplicates) is unit-tested as data.
 *
 * Order of application, per period: contributions that count → capped at `cap` → plus the
 * adjustments dated in that period (a facilitator's correction is not capped) → never below 0.
 * Score = min(1, earned / maximum), where maximum = target (whole course) or target × weeks.
 */
import { DateTime } from 'luxon';
import { DELETE_VERBS, KINDS, WRITTEN_KINDS, kindOf, type Kind, type Rules } from './rules';

/** Time zone of week boundaries (Québec). */
export const ZONE = 'America/Montreal';

/** An activity row, parsed (data as an object). */
export interface ScoringActivity {
  id: number;
  verb: string;
  membershipId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
}

/** A facilitator's manual adjustment (points may be negative). */
export interface ScoringAdjustment {
  id: number;
  points: number;
  reason: string;
  createdAt: Date;
}

/** Why a contribution earned nothing. */
export type NotCounted = 'too_short' | 'duplicate' | 'self' | 'revoked' | 'unendorsed' | 'deleted';

/** One contribution as the member sees it in "how my points were earned". */
export interface ScoredItem {
  activityId: number;
  kind: Kind;
  at: Date;
  period: string;
  points: number;
  counted: boolean;
  reason?: NotCounted;
}

/** One period (the course, or a week). */
export interface PeriodScore {
  key: string;
  /** Week number (1…) for weekly rules; 0 for the whole course. */
  week: number;
  start: Date | null;
  raw: number;
  capped: number;
  adjustments: number;
  earned: number;
  target: number;
  /** Points lost to the cap in this period. */
  overCap: number;
}

/** Everything the member page, the facilitator table, the preview and the gradebook need. */
export interface ScoreSummary {
  earned: number;
  maximum: number;
  scoreGiven: number;
  ratio: number;
  left: number;
  periods: PeriodScore[];
  current: PeriodScore | null;
  byKind: Record<Kind, { count: number; points: number }>;
  items: ScoredItem[];
  adjustments: Array<ScoringAdjustment & { period: string }>;
}

/** Who an activity row credits: the author for endorsements and accepted solutions, the attendee for meetings, else the actor. */
export function beneficiary(a: Pick<ScoringActivity, 'verb' | 'membershipId' | 'data'>): number | null {
  const d = a.data ?? {};
  const num = (v: unknown) => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  if (a.verb === 'resource.endorse' || a.verb === 'resource.unendorse' || a.verb === 'solution.accept') return num(d.authorMembershipId);
  if (a.verb.startsWith('meeting.')) return num(d.attendeeMembershipId) ?? num(d.membershipId) ?? a.membershipId;
  return a.membershipId;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The period an instant falls in: 'course', or 'w<n>' counted from the start date (week 1 first; earlier dates fall in week 1). */
export function periodOf(at: Date, rules: Pick<Rules, 'period' | 'startDate'>, defaultStart: Date): { key: string; week: number } {
  if (rules.period === 'course') return { key: 'course', week: 0 };
  const start = weekOneStart(rules, defaultStart);
  const day = DateTime.fromJSDate(at, { zone: ZONE }).startOf('day');
  const days = Math.floor(day.diff(start, 'days').days);
  const week = Math.max(1, Math.floor(days / 7) + 1);
  return { key: `w${week}`, week };
}

function weekOneStart(rules: Pick<Rules, 'startDate'>, defaultStart: Date): DateTime {
  return rules.startDate ? DateTime.fromISO(rules.startDate, { zone: ZONE }).startOf('day') : DateTime.fromJSDate(defaultStart, { zone: ZONE }).startOf('day');
}

/** Score one member: `rows` are the activity rows that credit them (see beneficiary), in any order. */
export function computeScore(
  memberId: number,
  rows: ScoringActivity[],
  adjustments: ScoringAdjustment[],
  rules: Rules,
  opts: { defaultStart: Date; now: Date },
): ScoreSummary {
  const items = scoreItems(memberId, rows, rules, opts.defaultStart);
  const periods = new Map<string, PeriodScore>();
  const periodFor = (at: Date) => {
    const { key, week } = periodOf(at, rules, opts.defaultStart);
    let p = periods.get(key);
    if (!p) {
      const start = week ? weekOneStart(rules, opts.defaultStart).plus({ weeks: week - 1 }).toJSDate() : null;
      periods.set(key, (p = { key, week, start, raw: 0, capped: 0, adjustments: 0, earned: 0, target: rules.target, overCap: 0 }));
    }
    return p;
  };
  // A weekly cap applies to each week of activity (week 1 starts with the course), whatever the period.
  const weekOver = new Map<string, number>();
  const perWeek = new Map<string, { period: PeriodScore; points: number }>();
  for (const it of items) {
    if (!it.counted) continue;
    const p = periodFor(it.at);
    p.raw += it.points;
    if (rules.weeklyCap === null) continue;
    const week = Math.floor(DateTime.fromJSDate(it.at, { zone: ZONE }).diff(weekOneStart(rules, opts.defaultStart), 'days').days / 7);
    const w = perWeek.get(`${p.key}:${week}`) ?? { period: p, points: 0 };
    w.points += it.points;
    perWeek.set(`${p.key}:${week}`, w);
  }
  for (const w of perWeek.values()) {
    const over = Math.max(0, w.points - rules.weeklyCap!);
    w.period.raw -= over;
    weekOver.set(w.period.key, (weekOver.get(w.period.key) ?? 0) + over);
  }
  const adj = adjustments.map((a) => {
    const p = periodFor(a.createdAt);
    p.adjustments += a.points;
    return { ...a, period: p.key };
  });
  periodFor(opts.now); // the current period is always shown, even when empty
  for (const p of periods.values()) {
    p.capped = rules.cap === null ? p.raw : Math.min(rules.cap, p.raw);
    p.overCap = round2(p.raw - p.capped + (weekOver.get(p.key) ?? 0));
    p.earned = round2(Math.max(0, p.capped + p.adjustments));
  }
  const list = [...periods.values()].sort((a, b) => a.week - b.week);
  const earned = round2(list.reduce((s, p) => s + p.earned, 0));
  const maximum = rules.period === 'course' ? rules.target : rules.target * rules.weeks;
  const scoreGiven = round2(Math.min(earned, maximum));
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { count: 0, points: 0 }])) as ScoreSummary['byKind'];
  for (const it of items) if (it.counted) {
    byKind[it.kind].count++;
    byKind[it.kind].points = round2(byKind[it.kind].points + it.points);
  }
  const current = periods.get(periodOf(opts.now, rules, opts.defaultStart).key) ?? null;
  return { earned, maximum, scoreGiven, ratio: maximum > 0 ? scoreGiven / maximum : 0, left: round2(Math.max(0, maximum - earned)), periods: list, current, byKind, items, adjustments: adj };
}

/** Each contribution with its points, or the reason it earned none (or no longer earns). */
function scoreItems(memberId: number, rows: ScoringActivity[], rules: Rules, defaultStart: Date): ScoredItem[] {
  const sorted = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const seen = new Set<string>();
  // Counted items by the keys a later activity may withdraw them with.
  const held = new Map<string, ScoredItem>();
  const items: ScoredItem[] = [];
  const withdraw = (key: string, reason: NotCounted) => {
    const item = held.get(key);
    if (item) Object.assign(item, { counted: false, points: 0, reason });
    held.delete(key);
  };
  for (const a of sorted) {
    // A deletion matches this member's items by subject, whoever deleted (author or moderator).
    if ((DELETE_VERBS as readonly string[]).includes(a.verb)) {
      withdraw(`${a.subjectType}:${a.subjectId}`, 'deleted');
      continue;
    }
    if (beneficiary(a) !== memberId) continue;
    if (a.verb === 'meeting.attendance_revoked') {
      withdraw(`m:${meetingKey(a)}`, 'revoked');
      continue;
    }
    if (a.verb === 'resource.unendorse') {
      // Un-endorsing withdraws the credit; endorsing again later counts again.
      withdraw(endorsementKey(a), 'unendorsed');
      seen.delete(endorsementKey(a));
      continue;
    }
    const kind = kindOf(a.verb, a.data);
    if (!kind) continue;
    const item: ScoredItem = { activityId: a.id, kind, at: a.createdAt, period: periodOf(a.createdAt, rules, defaultStart).key, points: rules.points[kind], counted: true };
    const reason = refusal(a, kind, memberId, rules, seen, held);
    if (reason) Object.assign(item, { counted: false, points: 0, reason });
    else for (const key of holdKeys(a, kind)) held.set(key, item);
    items.push(item);
  }
  return items;
}

function meetingKey(a: ScoringActivity): string {
  return String(a.subjectId ?? a.data?.meetingId ?? a.id);
}

function endorsementKey(a: ScoringActivity): string {
  return `e:${a.membershipId}:${a.subjectType}:${a.subjectId}`;
}

/** The keys a counted item can later be withdrawn by. A thread also goes with its opening post (`data.postId`). */
function holdKeys(a: ScoringActivity, kind: Kind): string[] {
  if (kind === 'meeting') return [`m:${meetingKey(a)}`];
  if (kind === 'endorsementReceived') return [endorsementKey(a)];
  if (kind === 'vote' || kind === 'acceptedSolution') return [];
  const keys = [`${a.subjectType}:${a.subjectId}`];
  if (a.data?.postId !== undefined) keys.push(`post:${a.data.postId}`);
  return keys;
}

function refusal(a: ScoringActivity, kind: Kind, memberId: number, rules: Rules, seen: Set<string>, held: Map<string, ScoredItem>): NotCounted | undefined {
  const length = Number(a.data?.length);
  if (WRITTEN_KINDS.has(kind) && a.data?.length !== undefined && Number.isFinite(length) && length < rules.minLength) return 'too_short';
  // Endorsing or accepting one's own work earns nothing.
  if ((kind === 'endorsementReceived' || kind === 'acceptedSolution') && a.membershipId === memberId) return 'self';
  // The same endorsement, vote or accepted solution counts once (change one's vote, accept twice…).
  const once: Partial<Record<Kind, string>> = {
    endorsementReceived: endorsementKey(a),
    vote: `v:${a.subjectType}:${a.subjectId}`,
    acceptedSolution: `s:${a.subjectType}:${a.subjectId}`,
  };
  const key = once[kind];
  if (key) {
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
  }
  // Attendance confirmed again (a corrected duration) still counts once.
  if (kind === 'meeting' && held.has(`m:${meetingKey(a)}`)) return 'duplicate';
  return undefined;
}
