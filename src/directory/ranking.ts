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
export type ReasonKind = 'accepted' | 'helpful' | 'endorsed' | 'useful' | 'declared';

export const WEIGHTS: Readonly<Record<ReasonKind, number>> = { accepted: 5, helpful: 3, endorsed: 2, useful: 1, declared: 4 };

/** Reasons in the order the page lists them: strongest proof first. */
const ORDER: ReasonKind[] = ['accepted', 'helpful', 'endorsed', 'useful', 'declared'];

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
function countOf(e: Evidence, kind: ReasonKind): number {
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

/**
 * Rank candidates: score, then accepted solutions, then all observed evidence, then experienced
 * members first, then name (French collation) and id, so equal scores always come out the same.
 * Candidates with nothing to show are left out.
 */
export function rankHelpers(candidates: Candidate[], limit = 20): Ranked[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return candidates
    .map((c) => ({ ...c, score: scoreOf(c.evidence), reasons: reasonsOf(c.evidence) }))
    .filter((c) => c.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.evidence.accepted - a.evidence.accepted ||
        observed(b.evidence) - observed(a.evidence) ||
        Number(b.experienced) - Number(a.experienced) ||
        collator.compare(a.name, b.name) ||
        a.membershipId - b.membershipId,
    )
    .slice(0, limit);
}
