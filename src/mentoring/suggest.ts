import type { Sequelize } from 'sequelize';
import { Tag } from '../content/model';
import { whoCanHelp } from '../directory/directory';
import { cardFor, type MemberCard, type MemberRecord } from '../profiles/members';
import { canSeeField, levelOf, type Viewer } from '../profiles/visibility';
import type { Reason } from '../directory/ranking';

export interface MentorSuggestion {
  card: MemberCard;
  reasons: Array<Reason & { tag: string }>;
}

/**
 * Mentors to suggest to a newcomer: for each thing the newcomer wants to learn (their learning
 * tags), who can help with it (the directory's ranking, same evidence and reasons), scores added
 * up across tags; then experienced members, mentors and facilitators with nothing to show on
 * those tags, so a newcomer who declared nothing still gets suggestions.
 */
export async function suggestMentors(sequelize: Sequelize, communityId: number, viewer: Viewer, mentee: MemberRecord, records: MemberRecord[], limit = 5): Promise<MentorSuggestion[]> {
  const learning = mentee.tags.learning.slice(0, 3);
  const tags = learning.length ? await Tag.findAll({ where: { communityId, slug: learning.map((t) => t.slug) } }) : [];
  const pool = records.filter((r) => r.membershipId !== mentee.membershipId);
  const totals = new Map<number, { score: number; reasons: MentorSuggestion['reasons'] }>();
  for (const tag of tags) {
    for (const h of await whoCanHelp(sequelize, communityId, { ...viewer, membershipId: mentee.membershipId }, tag, pool, 10)) {
      const t = totals.get(h.card.membershipId) ?? { score: 0, reasons: [] };
      t.score += h.score;
      t.reasons.push(...h.reasons.map((r) => ({ ...r, tag: tag.label })));
      totals.set(h.card.membershipId, t);
    }
  }
  const seasoned = (r: MemberRecord) => r.role === 'mentor' || r.role === 'facilitator' || (canSeeField(levelOf(r.profile?.visibility, 'experience'), viewer, r.membershipId) && r.profile?.experience === 'experienced');
  return pool
    .filter((r) => r.role !== 'observer' && (totals.has(r.membershipId) || seasoned(r)))
    .sort((a, b) => (totals.get(b.membershipId)?.score ?? 0) - (totals.get(a.membershipId)?.score ?? 0) || Number(b.role === 'mentor') - Number(a.role === 'mentor') || a.name.localeCompare(b.name, 'fr'))
    .slice(0, limit)
    .map((r) => ({ card: cardFor(r, viewer), reasons: totals.get(r.membershipId)?.reasons ?? [] }));
}
