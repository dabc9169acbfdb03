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

/** A member's points may have changed: forget the stored value, in the caller's transaction. */
export async function markStale(communityId: number, membershipId: number, transaction?: Transaction): Promise<void> {
  const sequelize = sequelizeOf();
  const conflict = sequelize.getDialect() === 'sqlite'
    ? 'ON CONFLICT(community_id, membership_id) DO UPDATE SET earned = NULL, version = participation_points.version + 1, updated_at = excluded.updated_at'
    : 'ON DUPLICATE KEY UPDATE earned = NULL, version = version + 1, updated_at = VALUES(updated_at)';
  await sequelize.query(`INSERT INTO participation_points (community_id, membership_id, earned, rules_key, version, updated_at) VALUES (?, ?, NULL, NULL, 1, ?) ${conflict}`, {
    replacements: [communityId, membershipId, new Date()],
    transaction,
  });
}

/** Rows written in bulk (imports, seeds): every stored value of the communities they touch is stale (one statement). */
export async function markRowsStale(rows: Array<{ communityId: number; verb: string }>, transaction?: Transaction): Promise<void> {
  const ids = [...new Set(rows.filter((r) => SCORING_VERBS.has(r.verb)).map((r) => Number(r.communityId)))];
  if (!ids.length) return;
  await sequelizeOf().query(`UPDATE participation_points SET earned = NULL, version = version + 1 WHERE community_id IN (${ids.map(() => '?').join(', ')})`, { replacements: ids, transaction });
}

/** The points earned by each of the given memberships of one community, computing and storing the ones not kept. */
export async function storedPoints(community: CommunityRef, membershipIds: number[], now = new Date()): Promise<Map<number, number>> {
  if (!membershipIds.length) return new Map();
  const sequelize = sequelizeOf();
  const rules = rulesOf(community.settings);
  const key = rulesKey(rules, community.createdAt);
  const rows = await sequelize.query<{ membership_id: number; earned: number | null; rules_key: string | null; version: number }>(
    'SELECT membership_id, earned, rules_key, version FROM participation_points WHERE community_id = ?',
    { replacements: [community.id], type: QueryTypes.SELECT },
  );
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
    const adjustments = await adjustmentsOf(community.id);
    for (const id of ids) out.set(id, computeScore(id, await memberRows(community.id, id), adjustments.get(id) ?? [], rules, opts).earned);
    return out;
  }
  const [rows, adjustments] = await Promise.all([communityRows(community.id), adjustmentsOf(community.id)]);
  return new Map(ids.map((id) => [id, computeScore(id, rows.get(id) ?? [], adjustments.get(id) ?? [], rules, opts).earned]));
}

const CHUNK = 500;

/**
 * Keep computed values, each only where the row's version is still the one read before computing
 * (a missing row counts as version 0; `markStale` inserts version 1). Storing is an optimisation:
 * a failure (a membership deleted meanwhile) is logged and the values are still answered.
 */
export async function keepPoints(communityId: number, values: Map<number, number>, key: string, versionRead: (id: number) => number): Promise<void> {
  const sequelize = sequelizeOf();
  const same = (column: string) =>
    sequelize.getDialect() === 'sqlite'
      ? `${column} = CASE WHEN participation_points.version = excluded.version THEN excluded.${column} ELSE participation_points.${column} END`
      : `${column} = IF(version = VALUES(version), VALUES(${column}), ${column})`;
  const conflict = sequelize.getDialect() === 'sqlite' ? 'ON CONFLICT(community_id, membership_id) DO UPDATE SET' : 'ON DUPLICATE KEY UPDATE';
  // updated_at first on MariaDB: its assignments see the ones before them, and none of these changes `version`.
  const set = [same('updated_at'), same('earned'), same('rules_key')].join(', ');
  const list = [...values];
  const at = new Date();
  try {
    for (let i = 0; i < list.length; i += CHUNK) {
      const chunk = list.slice(i, i + CHUNK);
      await sequelize.query(
        `INSERT INTO participation_points (community_id, membership_id, earned, rules_key, version, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} ${conflict} ${set}`,
        { replacements: chunk.flatMap(([id, earned]) => [communityId, id, earned, key, versionRead(id), at]) },
      );
    }
  } catch (err) {
    log.warn('participation_points_not_stored', { communityId, error: (err as Error).message });
  }
}
