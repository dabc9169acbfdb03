import { Op } from 'sequelize';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { fold } from '../content/fold';

/** Most names offered at once under a composer. */
export const SUGGEST_LIMIT = 8;
/** Longest text typed after "@" that is still looked up (a full name, with a space or two). */
export const SUGGEST_MAX = 60;

/**
 * Members of the community whose name starts with what was typed after "@", or has a word that
 * does ("@cot" → Nadia Côté), folded the way mentions are matched (content/fold.ts: no case, no
 * accents), so whatever the list offers is a name findMentions() recognizes once posted. The one
 * typing is left out (a mention of oneself notifies nobody). Full-name matches come first.
 */
export async function suggestMembers(communityId: number, selfUserId: number, typed: string): Promise<Array<{ name: string }>> {
  const wanted = fold(typed.trim()).replace(/\s+/g, ' ');
  if (!wanted) return [];
  const members = await Membership.findAll({
    where: { communityId, status: 'active', userId: { [Op.ne]: selfUserId } },
    attributes: ['userId'],
    include: [{ model: User, as: 'user', attributes: ['id', 'name', 'givenName', 'familyName', 'erasedAt'], where: { erasedAt: null } }],
  });
  const scored: Array<{ name: string; rank: number }> = [];
  for (const m of members) {
    if (!m.user) continue;
    const name = displayName(m.user);
    const folded = fold(name).replace(/\s+/g, ' ');
    const rank = folded.startsWith(wanted) ? 0 : folded.split(/[\s'’-]+/).some((w, i, words) => words.slice(i).join(' ').startsWith(wanted)) ? 1 : -1;
    if (rank >= 0) scored.push({ name, rank });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, SUGGEST_LIMIT)
    .map(({ name }) => ({ name }));
}
