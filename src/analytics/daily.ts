/**
 * Daily roll-ups of the activity log (issue 20): one `activity_daily` row per community ×
 * membership × day × verb × kind, with how many activities it sums, the links of rise-above notes,
 * and the first and last instants. A period's figures are then sums over days, never a scan of the
 * log: the dashboard of a community of thousands answers in a few grouped statements.
 *
 * The day is the community's own (its time zone: `pickZone(null, communities.time_zone)`, the zone
 * every dashboard period, week and month is counted in, src/analytics/period.ts): a period is whole
 * days of that zone, so it is exactly a set of roll-up days. UTC days would cut a Montréal day in
 * two and force a scan of the log at every edge. When a community changes zone, its roll-ups are
 * rebuilt (`rebuildDaily`, from src/communities/service.ts); a window that is not whole days of
 * that zone is read from the log instead (src/analytics/load.ts). (An activity committed at the
 * very moment of a change of zone, by a transaction that read the old zone, keeps the old zone's
 * day until the next rebuild: changes of zone are rare and made by hand.)
 *
 * Written at write time by an activity listener (src/features.ts), in the activity's transaction:
 * an upsert that adds (ON CONFLICT / ON DUPLICATE KEY), so a retried transaction, which rolls back
 * and replays everything, adds once. Rows written in bulk (seeds) go through `addRowsToDaily`.
 * With them, `activity_firsts` keeps each member's first instant per kind (and its day), which
 * the dashboard reads for first contributions and profile updates.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { DateTime } from 'luxon';
import { pickZone } from '../content/zone';
import { upsertRows, type UpsertSpec } from '../db/upsert';
import { CONTRIBUTION_VERBS, PROFILE_VERB, contributionKind } from './kinds';
import { parseData } from './history';
import type { ActivityRow } from '../activity/listeners';
import { Activity } from '../activity/model';

/** Verbs rolled up: contributions (counted by kind) and profile updates (a first onboarding trace, kind ''). */
export const DAILY_VERBS: readonly string[] = [...CONTRIBUTION_VERBS, PROFILE_VERB];

/** The activity fields a roll-up reads. */
export type DailySource = Pick<ActivityRow, 'communityId' | 'membershipId' | 'verb' | 'data' | 'createdAt'>;

interface DailyRow {
  communityId: number;
  membershipId: number;
  day: string;
  verb: string;
  kind: string;
  count: number;
  links: number;
  firstAt: Date;
  lastAt: Date;
}

/** The zone a community's roll-up days are counted in (the one its dashboard counts in). */
export function rollupZone(timeZone: string | null | undefined): string {
  return pickZone(null, timeZone);
}

/** The roll-up line one activity adds to, or null when analytics never count it (no membership, another verb). */
export function dailyLine(a: DailySource, zone: string): DailyRow | null {
  if (a.membershipId === null || a.membershipId === undefined || !DAILY_VERBS.includes(a.verb)) return null;
  const data = parseData(a.data);
  const at = a.createdAt instanceof Date ? a.createdAt : new Date(String(a.createdAt));
  const links = a.verb === 'post.rise_above' && Array.isArray(data?.links) ? (data!.links as unknown[]).length : 0;
  return {
    communityId: Number(a.communityId),
    membershipId: Number(a.membershipId),
    day: DateTime.fromJSDate(at, { zone }).toISODate()!,
    verb: a.verb,
    kind: contributionKind(a.verb, data) ?? '',
    count: 1,
    links,
    firstAt: at,
    lastAt: at,
  };
}

/** Sum lines with the same key (a batch of the log becomes one upsert per key). */
function merge(lines: DailyRow[]): DailyRow[] {
  const out = new Map<string, DailyRow>();
  for (const l of lines) {
    const key = `${l.communityId}|${l.membershipId}|${l.day}|${l.verb}|${l.kind}`;
    const prev = out.get(key);
    if (!prev) out.set(key, { ...l });
    else {
      prev.count += l.count;
      prev.links += l.links;
      if (l.firstAt < prev.firstAt) prev.firstAt = l.firstAt;
      if (l.lastAt > prev.lastAt) prev.lastAt = l.lastAt;
    }
  }
  return [...out.values()];
}

/** A roll-up line: a member's count of one verb on one day of the community's zone. */
const DAILY: UpsertSpec = {
  table: 'activity_daily',
  columns: ['community_id', 'membership_id', 'day', 'verb', 'kind', 'count', 'links', 'first_at', 'last_at'],
  key: ['community_id', 'membership_id', 'day', 'verb', 'kind'],
  merge: [['count', 'add'], ['links', 'add'], ['first_at', 'min'], ['last_at', 'max']],
};

/** A member's first instant (and its day) per kind. */
const FIRSTS: UpsertSpec = {
  table: 'activity_firsts',
  columns: ['community_id', 'membership_id', 'kind', 'day', 'first_at'],
  key: ['community_id', 'membership_id', 'kind'],
  merge: [['day', 'min'], ['first_at', 'min']],
};

/** Add lines to the roll-ups: insert, or add to the existing row (both engines, one statement per chunk). */
async function upsert(sequelize: Sequelize, lines: DailyRow[], transaction?: Transaction, firsts = true): Promise<void> {
  await upsertRows(sequelize, DAILY, lines.map((l) => [l.communityId, l.membershipId, l.day, l.verb, l.kind, l.count, l.links, l.firstAt, l.lastAt]), transaction);
  if (firsts) await upsertFirsts(sequelize, lines, transaction);
}

/** Keep each member's first instant (and its day) per kind: the earlier of the stored one and the lines'. */
async function upsertFirsts(sequelize: Sequelize, lines: DailyRow[], transaction?: Transaction): Promise<void> {
  const firsts = new Map<string, DailyRow>();
  for (const l of lines) {
    const key = `${l.communityId}|${l.membershipId}|${l.kind}`;
    const prev = firsts.get(key);
    if (!prev || l.firstAt < prev.firstAt) firsts.set(key, l);
  }
  await upsertRows(sequelize, FIRSTS, [...firsts.values()].map((l) => [l.communityId, l.membershipId, l.kind, l.day, l.firstAt]), transaction);
}

/** The roll-up zones of some communities (one statement). */
async function zonesOf(sequelize: Sequelize, communityIds: number[], transaction?: Transaction): Promise<Map<number, string>> {
  if (!communityIds.length) return new Map();
  const rows = await sequelize.query<{ id: number; time_zone: string | null }>(`SELECT id, time_zone FROM communities WHERE id IN (${communityIds.map(() => '?').join(',')})`, {
    replacements: communityIds,
    type: QueryTypes.SELECT,
    transaction,
  });
  return new Map(rows.map((r) => [Number(r.id), rollupZone(r.time_zone)]));
}

/** Add activity rows (already inserted) to their communities' roll-ups, in the caller's transaction. */
export async function addRowsToDaily(sequelize: Sequelize, rows: DailySource[], transaction?: Transaction, opts: RebuildOptions = {}): Promise<void> {
  const counted = rows.filter((r) => r.membershipId !== null && r.membershipId !== undefined && DAILY_VERBS.includes(r.verb));
  if (!counted.length) return;
  const zones = await zonesOf(sequelize, [...new Set(counted.map((r) => Number(r.communityId)))], transaction);
  const lines = counted.map((r) => dailyLine(r, zones.get(Number(r.communityId)) ?? rollupZone(null))).filter((l): l is DailyRow => l !== null);
  await upsert(sequelize, merge(lines), transaction, opts.firsts ?? true);
}

/** The activity listener (src/features.ts): one activity, in its own transaction. */
export async function addToDaily(activity: ActivityRow, transaction: Transaction): Promise<void> {
  await addRowsToDaily(Activity.sequelize!, [activity], transaction);
}

const BATCH = 5000;

/**
 * Rebuild roll-ups from the activity log: one community's (a change of zone) or every
 * community's (the backfill migration). Reads the log in batches by id and adds each batch, so
 * memory stays bounded whatever the size of the log; zones are read in Node (luxon), because
 * SQLite has no time zones and MariaDB's are often not loaded.
 */
/** `firsts: false`: the roll-ups only (the migration that made them ran before `activity_firsts` existed; the one that made it fills it). */
export interface RebuildOptions {
  firsts?: boolean;
}

export async function rebuildDaily(sequelize: Sequelize, communityId: number | null, transaction?: Transaction, opts: RebuildOptions = {}): Promise<void> {
  const where = communityId === null ? '' : 'community_id = ? AND ';
  const scope = communityId === null ? [] : [communityId];
  await sequelize.query(`DELETE FROM activity_daily${communityId === null ? '' : ' WHERE community_id = ?'}`, { replacements: scope, transaction });
  if (opts.firsts ?? true) await sequelize.query(`DELETE FROM activity_firsts${communityId === null ? '' : ' WHERE community_id = ?'}`, { replacements: scope, transaction });
  const verbs = DAILY_VERBS.map(() => '?').join(',');
  for (let after = 0; ; ) {
    const rows = await sequelize.query<{ id: number; community_id: number; membership_id: number | null; verb: string; data: string | null; created_at: Date | string }>(
      `SELECT id, community_id, membership_id, verb, data, created_at FROM activities WHERE ${where}id > ? AND membership_id IS NOT NULL AND verb IN (${verbs}) ORDER BY id LIMIT ${BATCH}`,
      { replacements: [...scope, after, ...DAILY_VERBS], type: QueryTypes.SELECT, transaction },
    );
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].id);
    await addRowsToDaily(
      sequelize,
      rows.map((r) => ({ communityId: Number(r.community_id), membershipId: r.membership_id === null ? null : Number(r.membership_id), verb: r.verb, data: r.data, createdAt: toInstant(r.created_at) })),
      transaction,
      opts,
    );
  }
}

/** A timestamp from a raw row: a Date (MariaDB) or SQLite's text ("2026-12-03 13:15:33.123 +00:00"). */
function toInstant(v: Date | string): Date {
  return v instanceof Date ? v : new Date(String(v));
}
