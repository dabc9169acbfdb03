/**
 * Participation points kept per member (issue 20): the facilitator dashboard's member table reads
 * `participation_points` instead of scoring every member of the community from the activity log.
 *
 * A stored value is a cache of `computeScore(...).earned`, which depends only on the member's
 * scoring rows, their adjustments, the rules and the community's start: never on the clock. So:
 * - whatever may change a member's points marks them stale, in its own transaction (`markStale`:
 *   the participation activity listener for the member an activity credits or a deletion takes
 *   from, and an adjustment): `earned` becomes NULL and `version` moves on;
 * - a reader computes what is missing, stale or computed under other rules, and stores it only if
 *   `version` has not moved since it read it, so a value computed from rows older than a concurrent
 *   change is never kept (the change's NULL wins; the next reader computes again);
 * - a few stale members are scored from their own rows; many (the first read, a change of rules)
 *   from one read of the community's scoring rows, as before.
 */
import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { Membership, type Community } from '../kernel/community';
import { log } from '../log';
import { upsertRows, type UpsertSpec } from '../db/upsert';
import { adjustmentsOf, communityRows, memberRows } from './points';
import { SCORING_VERBS, rulesOf, type Rules } from './rules';
import { computeScore } from './scoring';

/** Up to this many members to compute, each is scored from their own rows; past it, the community's rows are read once. */
const FEW = 25;

type CommunityRef = Pick<Community, 'id' | 'settings' | 'createdAt'>;

const sequelizeOf = (): Sequelize => Membership.sequelize!;

/** What a stored value was computed under: the rules and the start of the community (week 1 of weekly rules). */
export function rulesKey(rules: Rules, createdAt: Date): string {
  return createHash('sha1').update(JSON.stringify(rules)).update(new Date(createdAt).toISOString()).digest('hex');
}

/** A member's stored points: `earned` under the rules of `rules_key`, and a version every change moves on. */
const POINTS_COLUMNS = ['community_id', 'membership_id', 'earned', 'rules_key', 'version', 'updated_at'];

/** Forgetting a value: NULL, and the version moves on (a row inserted for it starts at version 1). */
const STALE: UpsertSpec = {
  table: 'participation_points', columns: POINTS_COLUMNS, key: ['community_id', 'membership_id'],
  merge: [['earned', 'null'], ['version', 'increment'], ['updated_at', 'new']],
};

/** Keeping a value: only where the row's version is still the one read before computing. updated_at first (MariaDB's assignments see the ones before them, and none of these changes `version`). */
const KEEP: UpsertSpec = {
  table: 'participation_points', columns: POINTS_COLUMNS, key: ['community_id', 'membership_id'],
  merge: [['updated_at', { ifSame: 'version' }], ['earned', { ifSame: 'version' }], ['rules_key', { ifSame: 'version' }]],
};

/** A member's points may have changed: forget the stored value, in the caller's transaction. */
export async function markStale(communityId: number, membershipId: number, transaction?: Transaction): Promise<void> {
  await upsertRows(sequelizeOf(), STALE, [[communityId, membershipId, null, null, 1, new Date()]], transaction);
}

/** Rows written in bulk (imports, seeds): every stored value of the communities they touch is stale (one statement). */
export async function markRowsStale(rows: Array<{ communityId: number; verb: string }>, transaction?: Transaction): Promise<void> {
  const ids = [...new Set(rows.filter((r) => SCORING_VERBS.has(r.verb)).map((r) => Number(r.communityId)))];
  if (!ids.length) return;
  await sequelizeOf().query(`UPDATE participation_points SET earned = NULL, version = version + 1 WHERE community_id IN (${ids.map(() => '?').join(', ')})`, { replacements: ids, transaction });
}

/**
 * The points earned by each of the given memberships of one community (`'all'`: every membership
 * not removed, read with its stored value in one statement), computing and storing the ones not kept.
 */
export async function storedPoints(community: CommunityRef, members: number[] | 'all', now = new Date()): Promise<Map<number, number>> {
  if (members !== 'all' && !members.length) return new Map();
  const sequelize = sequelizeOf();
  const rules = rulesOf(community.settings);
  const key = rulesKey(rules, community.createdAt);
  type Row = { membership_id: number; earned: number | null; rules_key: string | null; version: number | null };
  const rows = await sequelize.query<Row>(
    members === 'all'
      ? "SELECT m.id AS membership_id, p.earned, p.rules_key, p.version FROM memberships m LEFT JOIN participation_points p ON p.community_id = m.community_id AND p.membership_id = m.id WHERE m.community_id = ? AND m.status <> 'removed'"
      : 'SELECT membership_id, earned, rules_key, version FROM participation_points WHERE community_id = ?',
    { replacements: [community.id], type: QueryTypes.SELECT },
  );
  const membershipIds = members === 'all' ? rows.map((r) => Number(r.membership_id)) : members;
  const kept = new Map(rows.map((r) => [Number(r.membership_id), r]));
  const out = new Map<number, number>();
  const missing: number[] = [];
  for (const id of membershipIds) {
    const row = kept.get(id);
    if (row && row.earned !== null && row.rules_key === key) out.set(id, Number(row.earned));
    else missing.push(id);
  }
  if (!missing.length) return out;
  const computed = await compute(community, missing, rules, now);
  for (const [id, earned] of computed) out.set(id, earned);
  await keepPoints(community.id, computed, key, (id) => Number(kept.get(id)?.version ?? 0));
  return out;
}

/** Points of members whose stored value is missing: each from their own rows when they are few, else from the community's rows read once. */
async function compute(community: CommunityRef, ids: number[], rules: Rules, now: Date): Promise<Map<number, number>> {
  const opts = { defaultStart: community.createdAt, now };
  if (ids.length <= FEW) {
    const out = new Map<number, number>();
    const adjustments = await adjustmentsOf(community.id, ids);
    for (const id of ids) out.set(id, computeScore(id, await memberRows(community.id, id), adjustments.get(id) ?? [], rules, opts).earned);
    return out;
  }
  const [rows, adjustments] = await Promise.all([communityRows(community.id), adjustmentsOf(community.id)]);
  return new Map(ids.map((id) => [id, computeScore(id, rows.get(id) ?? [], adjustments.get(id) ?? [], rules, opts).earned]));
}

/**
 * Keep computed values, each only where the row's version is still the one read before computing
 * (a missing row counts as version 0; `markStale` inserts version 1). Storing is an optimisation:
 * a failure (a membership deleted meanwhile) is logged and the values are still answered.
 */
export async function keepPoints(communityId: number, values: Map<number, number>, key: string, versionRead: (id: number) => number): Promise<void> {
  const at = new Date();
  try {
    await upsertRows(sequelizeOf(), KEEP, [...values].map(([id, earned]) => [communityId, id, earned, key, versionRead(id), at]));
  } catch (err) {
    log.warn('participation_points_not_stored', { communityId, error: (err as Error).message });
  }
}
