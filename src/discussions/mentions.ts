import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { Mention } from './model';
import { fold } from '../content/fold';

export interface Mentioned {
  userId: number;
  name: string;
}

/** Lowercase without accents, one character for one, so positions in the folded text are positions in the source. */
function foldChars(text: string): string {
  return [...text].map((c) => {
    const f = fold(c);
    return f.length === 1 ? f : c.toLowerCase().length === 1 ? c.toLowerCase() : c;
  }).join('');
}

/**
 * Members of the community named as "@Full Name" in a Markdown source, whatever the case and the
 * accents ("@nadia cote" names Nadia Côté), or by first name alone when only one member has it
 * ("@Chris"). LMS accounts have no usernames, so the display name is the handle; one query loads
 * the names. `name` is the text as typed, so the rendering highlights exactly that.
 */
export async function findMentions(communityId: number, source: string, transaction?: Transaction): Promise<Mentioned[]> {
  if (!source.includes('@')) return [];
  const members = await Membership.findAll({
    where: { communityId, status: 'active' },
    attributes: ['userId'],
    include: [{ model: User, as: 'user', attributes: ['id', 'name', 'givenName', 'familyName', 'sub'] }],
    transaction,
  });
  const chars = [...source];
  const folded = foldChars(source);
  const foldedChars = [...folded];
  const typedAt = (at: number, length: number) => chars.slice(at + 1, at + 1 + length).join('');
  /** Where "@name" stands as a whole word in the source, or -1. */
  const find = (name: string): number => {
    const needle = `@${foldChars(name)}`;
    for (let from = 0; ; ) {
      const i = folded.indexOf(needle, from);
      if (i < 0) return -1;
      const at = [...folded.slice(0, i)].length;
      const after = foldedChars[at + [...needle].length];
      if (after === undefined || !/[\p{L}\p{N}]/u.test(after)) return at;
      from = i + 1;
    }
  };
  const out: Mentioned[] = [];
  const firstNames = new Map<string, number>();
  for (const m of members) if (m.user?.givenName) firstNames.set(foldChars(m.user.givenName), (firstNames.get(foldChars(m.user.givenName)) ?? 0) + 1);
  for (const m of members) {
    if (!m.user) continue;
    const name = displayName(m.user);
    let at = find(name);
    let length = [...name].length;
    const given = m.user.givenName;
    if (at < 0 && given && firstNames.get(foldChars(given)) === 1) {
      at = find(given);
      length = [...given].length;
    }
    if (at < 0) continue;
    out.push({ userId: m.userId, name: typedAt(at, length) });
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
