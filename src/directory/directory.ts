import type { Sequelize } from 'sequelize';
import { cardFor, loadMembers, type MemberCard, type MemberRecord } from '../profiles/members';
import { canSeeField, levelOf, type Viewer } from '../profiles/visibility';
import { evidenceOnTag } from './evidence';
import { rankHelpers, noEvidence, type Reason } from './ranking';
import type { CommunityRole } from '../kernel/roles';
import type { DirectoryQuery } from './schemas';

/** Members per directory page. */
export const DIRECTORY_PAGE_SIZE = 30;

/** A name or visible role/institution containing the words (accents and case folded). */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Filter the cards a viewer sees (pure). Filters read the card, i.e. only what the viewer may
 * see: filtering on a hidden expertise or experience would reveal it.
 */
export function filterCards(cards: MemberCard[], q: Pick<DirectoryQuery, 'tag' | 'experience' | 'cohort' | 'role' | 'q'>): MemberCard[] {
  const words = q.q ? fold(q.q).split(/\s+/).filter(Boolean) : [];
  return cards.filter((c) => {
    if (q.tag && !c.expertise.some((t) => t.slug === q.tag)) return false;
    if (q.experience && c.experience !== q.experience) return false;
    if (q.cohort && c.cohortId !== q.cohort) return false;
    if (q.role && c.role !== q.role) return false;
    if (words.length) {
      const hay = fold([c.name, c.roleTitle ?? '', c.institution ?? ''].join(' '));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

/** Sort by name (French collation), the way a directory reads. */
export function byName(cards: MemberCard[]): MemberCard[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return [...cards].sort((a, b) => collator.compare(a.name, b.name) || a.membershipId - b.membershipId);
}

/** The directory for one viewer: every active member as the viewer may see them. */
export async function directoryCards(communityId: number, viewer: Viewer): Promise<{ records: MemberRecord[]; cards: MemberCard[] }> {
  const records = await loadMembers(communityId);
  return { records, cards: byName(records.map((r) => cardFor(r, viewer))) };
}

export interface Helper {
  card: MemberCard;
  score: number;
  reasons: Reason[];
}

/**
 * Who can help with one tag: evidence from the database plus declared expertise the viewer may
 * see, ranked by the pure module (ranking.ts). The viewer is not suggested to themself.
 */
export async function whoCanHelp(sequelize: Sequelize, communityId: number, viewer: Viewer & { role: CommunityRole }, tag: { id: number; slug: string }, records: MemberRecord[], limit = 10): Promise<Helper[]> {
  const evidence = await evidenceOnTag(sequelize, communityId, tag.id);
  const byMember = new Map(records.map((r) => [r.membershipId, r]));
  const candidates = records
    .filter((r) => r.membershipId !== viewer.membershipId && r.role !== 'observer')
    .map((r) => {
      const e = { ...(evidence.get(r.userId) ?? noEvidence()) };
      e.declared = canSeeField(levelOf(r.profile?.visibility, 'expertise'), viewer, r.membershipId) && r.tags.expertise.some((t) => t.slug === tag.slug);
      const seesExperience = canSeeField(levelOf(r.profile?.visibility, 'experience'), viewer, r.membershipId);
      const years = canSeeField(levelOf(r.profile?.visibility, 'yearsPractice'), viewer, r.membershipId) ? r.profile?.yearsPractice ?? null : null;
      return { membershipId: r.membershipId, name: r.name, experienced: seesExperience && r.profile?.experience === 'experienced', newcomer: seesExperience && r.profile?.experience === 'newcomer', mentorRole: r.role === 'mentor', years, evidence: e };
    });
  return rankHelpers(candidates, limit).map((c) => ({ card: cardFor(byMember.get(c.membershipId)!, viewer), score: c.score, reasons: c.reasons }));
}
