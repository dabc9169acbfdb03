/**
 * Bulk upsert of the users a roster names, keyed on (platform, LTI `sub`) — the same natural key
 * as launches. A handful of statements per chunk of members, never one per member. A user erased
 * on request stays erased: the roster never refills their name or e-mail.
 */
import { Op, type Transaction } from 'sequelize';
import { User } from '../users/model';
import type { RosterMember } from './nrps-schema';

/** Rows per bulk statement (× ~10 columns: far under SQLite's 32,766 and MariaDB's 65,535 parameters). */
export const CHUNK = 500;
const PROFILE = ['name', 'givenName', 'familyName', 'email', 'picture'] as const;
type Profile = Record<(typeof PROFILE)[number], string | null>;
type Existing = Profile & { id: number; sub: string; erasedAt: Date | string | null };

/** Split a list into chunks (bulk statements stay under SQLite's and MariaDB's parameter limits). */
export function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Create the users of active entries not known yet, refresh the profile of known ones, and return
 * every known user's id by `sub` (inactive or deleted entries never create a user).
 */
export async function upsertRosterUsers(platformId: number, members: RosterMember[], transaction: Transaction): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunks(members)) {
    const existing = (await User.findAll({
      where: { platformId, sub: { [Op.in]: chunk.map((m) => m.userId) } },
      attributes: ['id', 'sub', 'erasedAt', ...PROFILE],
      raw: true,
      transaction,
    })) as unknown as Existing[];
    const bySub = new Map(existing.map((u) => [u.sub, u]));
    for (const u of existing) ids.set(u.sub, u.id);
    await createUsers(platformId, chunk.filter((m) => m.status === 'Active' && !bySub.has(m.userId)), ids, transaction);
    await refreshProfiles(platformId, chunk, bySub, transaction);
  }
  return ids;
}

function profileOf(m: RosterMember): Profile {
  return { name: m.name ?? null, givenName: m.givenName ?? null, familyName: m.familyName ?? null, email: m.email ?? null, picture: m.picture ?? null };
}

async function createUsers(platformId: number, fresh: RosterMember[], ids: Map<string, number>, transaction: Transaction): Promise<void> {
  if (!fresh.length) return;
  // ignoreDuplicates: a launch may create the same user meanwhile; we read the ids back either way.
  await User.bulkCreate(
    fresh.map((m) => ({ platformId, sub: m.userId, ...profileOf(m) })),
    { transaction, ignoreDuplicates: true },
  );
  const rows = (await User.findAll({
    where: { platformId, sub: { [Op.in]: fresh.map((m) => m.userId) } },
    attributes: ['id', 'sub'],
    raw: true,
    transaction,
  })) as unknown as Array<{ id: number; sub: string }>;
  for (const r of rows) ids.set(r.sub, r.id);
}

async function refreshProfiles(platformId: number, chunk: RosterMember[], bySub: Map<string, Existing>, transaction: Transaction): Promise<void> {
  const rows: Array<Record<string, unknown>> = [];
  for (const m of chunk) {
    const old = bySub.get(m.userId);
    if (!old || old.erasedAt) continue;
    // As at launch: a field the LMS stops sending (privacy settings) keeps its old value.
    const incoming = profileOf(m);
    const next = Object.fromEntries(PROFILE.map((k) => [k, incoming[k] ?? old[k]])) as Profile;
    if (PROFILE.every((k) => next[k] === old[k])) continue;
    // created_at in the VALUES is required by NOT NULL but never updated (not in updateOnDuplicate).
    rows.push({ id: old.id, platformId, sub: old.sub, ...next });
  }
  if (!rows.length) return;
  // INSERT … ON DUPLICATE KEY UPDATE (MariaDB) / ON CONFLICT(id) DO UPDATE (SQLite): one statement per chunk.
  await User.bulkCreate(rows, { transaction, updateOnDuplicate: [...PROFILE, 'updatedAt'] });
}
