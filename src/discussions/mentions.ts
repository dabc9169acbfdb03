import { Op, type Transaction } from 'sequelize';
import { Membership } from '../communities/model';
import { User, displayName } from '../users/model';
import { Mention } from './model';

export interface Mentioned {
  userId: number;
  name: string;
}

/**
 * Members of the community named as "@Full Name" in a Markdown source (case-insensitive). LMS
 * accounts have no usernames, so the display name is the handle; one query loads the names.
 */
export async function findMentions(communityId: number, source: string, transaction?: Transaction): Promise<Mentioned[]> {
  if (!source.includes('@')) return [];
  const members = await Membership.findAll({
    where: { communityId, status: 'active' },
    attributes: ['userId'],
    include: [{ model: User, as: 'user', attributes: ['id', 'name', 'givenName', 'familyName', 'sub'] }],
    transaction,
  });
  const lower = source.toLowerCase();
  const out: Mentioned[] = [];
  for (const m of members) {
    if (!m.user) continue;
    const name = displayName(m.user);
    const at = lower.indexOf(`@${name.toLowerCase()}`);
    if (at < 0) continue;
    const after = source[at + 1 + name.length];
    if (after !== undefined && /[\p{L}\p{N}]/u.test(after)) continue;
    out.push({ userId: m.userId, name });
  }
  return out;
}

/** Record who a post mentions (new names only; kept for notifications). Returns the user ids newly mentioned. */
export async function recordMentions(postId: number, authorId: number, mentioned: Mentioned[], transaction: Transaction): Promise<number[]> {
  const ids = [...new Set(mentioned.map((m) => m.userId).filter((id) => id !== authorId))];
  if (ids.length === 0) return [];
  const existing = await Mention.findAll({ where: { postId, userId: { [Op.in]: ids } }, attributes: ['userId'], transaction });
  const known = new Set(existing.map((e) => e.userId));
  const fresh = ids.filter((id) => !known.has(id));
  if (fresh.length) await Mention.bulkCreate(fresh.map((userId) => ({ postId, userId })), { transaction });
  return fresh;
}
