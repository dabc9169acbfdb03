/**
 * "Who can help with …?" — the ranking, pure and explainable. Each candidate comes with counted
 * evidence on one tag; the score is a weighted sum and every non-zero term becomes a reason the
 * page shows ("3 accepted solutions on évaluation"), so a member can always see why someone is
 * suggested and nobody is ranked on something the viewer may not see (the caller passes
 * `declared` only when the viewer may see that member's expertise).
 *
 * Why these weights: an accepted solution is the asker saying "this solved it" — the strongest
 * proof (5). A lead the asker marked as helpful is proof too, a little weaker (3). Each colleague
 * who endorsed ("I used this") a resource the member shared on the topic is an independent vote
 * (2). A "useful" reaction on a post is cheap to give (1). Declared expertise counts (4) but less
 * than one accepted solution: what members did outranks what they say.
 */
export type ReasonKind = 'accepted' | 'helpful' | 'endorsed' | 'useful' | 'declared' | 'mentor_role' | 'years' | 'experienced' | 'facilitator';

type TopicKind = 'accepted' | 'helpful' | 'endorsed' | 'useful' | 'declared';
export const WEIGHTS: Readonly<Record<TopicKind, number>> = { accepted: 5, helpful: 3, endorsed: 2, useful: 1, declared: 4 };

/**
 * Standing adds to evidence on the topic, never replaces it (nobody is suggested on a topic for
 * their role alone): the LMS Mentor role (3, the course named them to guide others) and years of
 * practice (1 per 5 years, at most 3).
 */
export const STANDING = { mentorRole: 3, perFiveYears: 1, maxYears: 3 } as const;

/** Reasons in the order the page lists them: strongest proof first. */
const ORDER: TopicKind[] = ['accepted', 'helpful', 'endorsed', 'useful', 'declared'];

export interface Evidence {
  accepted: number;
  helpful: number;
  endorsed: number;
  useful: number;
  declared: boolean;
}

export interface Candidate {
  membershipId: number;
  name: string;
  experienced: boolean;
  evidence: Evidence;
  /** The member's role is mentor (the LMS Mentor role, or raised by a facilitator). */
  mentorRole?: boolean;
  /** Years of practice the viewer may see. */
  years?: number | null;
  /** Declared themself a newcomer (visible to the viewer): their declared expertise is not evidence yet. */
  newcomer?: boolean;
}

export interface Reason {
  kind: ReasonKind;
  count: number;
}

export interface Ranked extends Candidate {
  score: number;
  reasons: Reason[];
}

export const noEvidence = (): Evidence => ({ accepted: 0, helpful: 0, endorsed: 0, useful: 0, declared: false });

/** Count of one kind of evidence (declared is 0 or 1). */
function countOf(e: Evidence, kind: TopicKind): number {
  return kind === 'declared' ? (e.declared ? 1 : 0) : e[kind];
}

/** The weighted sum. */
export function scoreOf(e: Evidence): number {
  return ORDER.reduce((sum, k) => sum + WEIGHTS[k] * countOf(e, k), 0);
}

/** Every non-zero term, strongest first: what the page says about this member. */
export function reasonsOf(e: Evidence): Reason[] {
  return ORDER.map((kind) => ({ kind, count: countOf(e, kind) })).filter((r) => r.count > 0);
}

/** Observed evidence only (what members did, not what they declared). */
function observed(e: Evidence): number {
  return e.accepted + e.helpful + e.endorsed + e.useful;
}

/** What standing adds to a candidate's score, and the reasons it gives. */
export function standingOf(c: Pick<Candidate, 'mentorRole' | 'years'>): { score: number; reasons: Reason[] } {
  const years = Math.max(0, Math.floor(c.years ?? 0));
  const yearsBonus = Math.min(STANDING.maxYears, Math.floor(years / 5) * STANDING.perFiveYears);
  const reasons: Reason[] = [];
  if (c.mentorRole) reasons.push({ kind: 'mentor_role', count: 1 });
  if (yearsBonus > 0) reasons.push({ kind: 'years', count: years });
  return { score: (c.mentorRole ? STANDING.mentorRole : 0) + yearsBonus, reasons };
}

/**
 * Rank candidates: score (evidence on the topic plus standing), then accepted solutions, then all
 * observed evidence, then the mentor role, then experienced members, then name (French collation)
 * and id, so equal scores always come out the same. Candidates with nothing to show on the topic
 * are left out; a self-declared newcomer's declared expertise does not count (what they did does).
 */
export function rankHelpers(candidates: Candidate[], limit = 20): Ranked[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return candidates
    .map((c) => {
      const evidence = c.newcomer ? { ...c.evidence, declared: false } : c.evidence;
      const topic = scoreOf(evidence);
      const standing = standingOf(c);
      return { ...c, evidence, topic, score: topic > 0 ? topic + standing.score : 0, reasons: [...reasonsOf(evidence), ...standing.reasons] };
    })
    .filter((c) => c.topic > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.evidence.accepted - a.evidence.accepted ||
        observed(b.evidence) - observed(a.evidence) ||
        Number(Boolean(b.mentorRole)) - Number(Boolean(a.mentorRole)) ||
        Number(b.experienced) - Number(a.experienced) ||
        collator.compare(a.name, b.name) ||
        a.membershipId - b.membershipId,
    )
    .slice(0, limit)
    .map(({ topic: _topic, ...rest }) => rest);
}
