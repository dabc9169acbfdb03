/**
 * The one place that says which activity verbs are contributions and of which kind — sharing,
 * learning, solving, governance (DESIGN.md, "stages") — and which of them build on someone
 * else's contribution. Charts, distribution, per-member figures, signals and CSV all read this.
 */

/** Kinds of contribution, in the order charts and tables show them. */
export const KINDS = ['sharing', 'learning', 'solving', 'governance'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Verb → kind. Sharing: exchanging practices, information and resources. Learning: knowledge
 * building and mentoring. Solving: problem requests and their leads. Governance: the charter,
 * decisions and meetings (how the community works). Verbs of issue 4 (problems, mentoring) are
 * listed already so the figures fill in as soon as those features write them.
 */
export const VERB_KIND: Readonly<Record<string, Kind>> = {
  'thread.create': 'sharing',
  'post.reply': 'sharing',
  'comment.create': 'sharing',
  'journal.create': 'sharing',
  'resource.share': 'sharing',
  'resource.endorse': 'sharing',
  'post.knowledge': 'learning',
  'post.rise_above': 'learning',
  'mentoring.request': 'learning',
  'mentoring.accept': 'learning',
  'mentoring.checkin': 'learning',
  'problem.create': 'solving',
  'lead.create': 'solving',
  'solution.accept': 'solving',
  'problem.resolve': 'solving',
  'charter.draft': 'governance',
  'proposal.open': 'governance',
  'vote.cast': 'governance',
  'meeting.schedule': 'governance',
  'meeting.minutes': 'governance',
  'meeting.attended': 'governance',
};

/**
 * Every contribution verb. Not contributions: reading traces and bookkeeping — launches,
 * acknowledging the charter (an onboarding step, shown on its own), follows, reactions, edits,
 * deletions, moderation, RSVPs and check-ins (the attendance counts once, as meeting.attended) —
 * and what the system writes (roster syncs, decided proposals).
 */
export const CONTRIBUTION_VERBS: readonly string[] = Object.keys(VERB_KIND);

/** Written contributions that answer, extend or synthesize someone else's (knowledge-building depth). */
export const BUILD_ON_VERBS: readonly string[] = ['post.reply', 'post.knowledge', 'post.rise_above', 'comment.create'];
/** Written contributions that open a new conversation. */
export const START_VERBS: readonly string[] = ['thread.create', 'journal.create'];

/** Verbs of problem requests (issue 4), read for time to first lead and share solved. */
export const PROBLEM_VERBS = { create: 'problem.create', lead: 'lead.create', solved: ['solution.accept', 'problem.resolve'] } as const;

/** Onboarding traces that are not contributions by themselves (issue 4's profiles). */
export const PROFILE_VERB = 'profile.update';

/**
 * The kind of one contribution, or null when the verb is not a contribution. A thread opened in
 * the knowledge-building space is learning, and so is a journal entry that is an adaptation note
 * (how I transposed this practice to my institution: DESIGN.md, learning stage).
 */
export function contributionKind(verb: string, data: Record<string, unknown> | null): Kind | null {
  const kind = VERB_KIND[verb];
  if (!kind) return null;
  if (verb === 'thread.create' && data?.kind === 'knowledge') return 'learning';
  if (verb === 'thread.create' && data?.kind === 'problem') return 'solving';
  if (verb === 'journal.create' && data?.adaptation) return 'learning';
  return kind;
}

/** A zeroed count per kind. */
export function emptyByKind(): Record<Kind, number> {
  return { sharing: 0, learning: 0, solving: 0, governance: 0 };
}
