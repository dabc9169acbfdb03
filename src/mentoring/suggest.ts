import type { Sequelize } from 'sequelize';
import { Tag } from '../content/model';
import { whoCanHelp } from '../directory/directory';
import { cardFor, type MemberCard, type MemberRecord } from '../profiles/members';
import { canSeeField, levelOf, type Viewer } from '../profiles/visibility';
import { standingOf, type Reason } from '../directory/ranking';

export interface MentorSuggestion {
  card: MemberCard;
  reasons: Array<Reason & { tag: string }>;
}

/**
 * Mentors to suggest to a newcomer: for each thing the newcomer wants to learn (their learning
 * tags), who can help with it (the directory's ranking: evidence on the topic, the mentor role,
 * years of practice — same reasons), scores added up across tags; then, for a newcomer who
 * declared nothing, members with standing: mentors (the LMS Mentor role) first, then years of
 * practice, then experienced members and facilitators. Newcomers are never suggested as mentors
 * (a mentor named by the course is, whatever their profile says). Each suggestion says why.
 */
export async function suggestMentors(sequelize: Sequelize, communityId: number, viewer: Viewer, mentee: MemberRecord, records: MemberRecord[], limit = 5): Promise<MentorSuggestion[]> {
  const learning = mentee.tags.learning.slice(0, 3);
  const tags = learning.length ? await Tag.findAll({ where: { communityId, slug: learning.map((t) => t.slug) } }) : [];
  const isNewcomer = (r: MemberRecord) => r.role !== 'mentor' && r.role !== 'facilitator' && r.profile?.experience === 'newcomer';
  const pool = records.filter((r) => r.membershipId !== mentee.membershipId && r.role !== 'observer' && !isNewcomer(r));
  const totals = new Map<number, { score: number; reasons: MentorSuggestion['reasons'] }>();
  for (const tag of tags) {
    for (const h of await whoCanHelp(sequelize, communityId, { ...viewer, membershipId: mentee.membershipId }, tag, pool, 10)) {
      const t = totals.get(h.card.membershipId) ?? { score: 0, reasons: [] };
      t.score += h.score;
      t.reasons.push(...h.reasons.filter((r) => !t.reasons.some((x) => x.kind === r.kind && STANDING_KINDS.includes(r.kind))).map((r) => ({ ...r, tag: tag.label })));
      totals.set(h.card.membershipId, t);
    }
  }
  const sees = (r: MemberRecord, field: 'experience' | 'yearsPractice') => canSeeField(levelOf(r.profile?.visibility, field), viewer, r.membershipId);
  const years = (r: MemberRecord) => (sees(r, 'yearsPractice') ? r.profile?.yearsPractice ?? 0 : 0);
  const experienced = (r: MemberRecord) => sees(r, 'experience') && r.profile?.experience === 'experienced';
  const seasoned = (r: MemberRecord) => r.role === 'mentor' || r.role === 'facilitator' || experienced(r) || standingOf({ years: years(r) }).score > 0;
  const standingScore = (r: MemberRecord) => standingOf({ mentorRole: r.role === 'mentor', years: years(r) }).score;
  return pool
    .filter((r) => totals.has(r.membershipId) || seasoned(r))
    .sort(
      (a, b) =>
        (totals.get(b.membershipId)?.score ?? 0) - (totals.get(a.membershipId)?.score ?? 0) ||
        Number(b.role === 'mentor') - Number(a.role === 'mentor') ||
        standingScore(b) - standingScore(a) ||
        Number(experienced(b)) - Number(experienced(a)) ||
        a.name.localeCompare(b.name, 'fr'),
    )
    .slice(0, limit)
    .map((r) => ({ card: cardFor(r, viewer), reasons: totals.get(r.membershipId)?.reasons ?? whyWithoutTopic(r, years(r), experienced(r)) }));
}

/** Standing reasons are about the person, not a topic: said once even when several tags match. */
const STANDING_KINDS: string[] = ['mentor_role', 'years'];

/** Why someone with nothing on the newcomer's topics is suggested: their standing. */
function whyWithoutTopic(r: MemberRecord, years: number, experienced: boolean): MentorSuggestion['reasons'] {
  const reasons: MentorSuggestion['reasons'] = standingOf({ mentorRole: r.role === 'mentor', years }).reasons.map((x) => ({ ...x, tag: '' }));
  if (experienced) reasons.push({ kind: 'experienced', count: 1, tag: '' });
  if (r.role === 'facilitator' && reasons.length === 0) reasons.push({ kind: 'facilitator', count: 1, tag: '' });
  return reasons;
}
