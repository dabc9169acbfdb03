/**
 * The discussion and knowledge-building seeders. Discussions: a pinned welcome thread where
 * everyone introduces themself (the long thread: up to 500 posts), then threads of every size, some
 * still waiting for a first answer. Knowledge building: threads where each contribution carries a
 * scaffold (Knowledge Forum), and longer ones get a rise-above note linking earlier contributions.
 */
import type { Rng } from './random';
import { Authors } from './people';
import { planThread, planReplies, threadSizes, pickTags, type PostPlan, type ThreadPlan } from './plan';
import { writeThreads } from './write';
import { CommunityIntroduction } from '../onboarding/model';
import { title } from './text';
import type { SeedContext } from './context';
import type { Lang } from './vocabulary';

const WELCOME: Record<Lang, string> = { fr: 'Présentez-vous : qui êtes-vous, d’où venez-vous?', en: 'Introduce yourself: who are you, where do you work?' };
const GREETING: Record<Lang, string[]> = { fr: ['Bonjour à toutes et à tous! ', 'Salut la communauté! ', 'Bonjour! '], en: ['Hi everyone! ', 'Hello all! ', 'Hi! '] };

/** The scaffold phrases that open contributions (the catalogs' default labels). */
const LEADS: Record<string, Record<Lang, string>> = {
  my_theory: { fr: 'Ma théorie : ', en: 'My theory: ' },
  need_to_understand: { fr: 'J’ai besoin de comprendre : ', en: 'I need to understand: ' },
  new_information: { fr: 'Nouvelle information : ', en: 'New information: ' },
  better_theory: { fr: 'Une meilleure théorie : ', en: 'A better theory: ' },
  evidence: { fr: 'Un exemple : ', en: 'An example: ' },
  putting_together: { fr: 'En mettant nos connaissances ensemble : ', en: 'Putting our knowledge together: ' },
};
const SCAFFOLDS = ['my_theory', 'need_to_understand', 'new_information', 'better_theory', 'evidence'];
const SCAFFOLD_WEIGHTS = [0.22, 0.2, 0.26, 0.16, 0.16];

/** Posts each conversation seeder writes: its share of the whole, discussions taking the rest. */
export function postBudget(posts: number): { discussions: number; knowledge: number; journal: number; resources: number; problems: number } {
  const knowledge = Math.round(posts * 0.2);
  const journal = Math.round(posts * 0.13);
  const resources = Math.round(posts * 0.12);
  const problems = Math.round(posts * 0.08);
  return { discussions: Math.max(0, posts - knowledge - journal - resources - problems), knowledge, journal, resources, problems };
}

/** The long thread's size: 5% of the posts, at most 500 (a 10,000-post community has one of 500). */
export function longThreadSize(posts: number, budget: number): number {
  return Math.min(budget, 500, Math.max(2, Math.floor(posts * 0.05)));
}

export async function seedDiscussions(ctx: SeedContext): Promise<void> {
  const budget = postBudget(ctx.options.posts).discussions;
  if (budget === 0) return;
  const rng = ctx.rng.derive('discussions');
  const authors = new Authors(ctx.people);
  const host = authors.facilitators()[0] ?? authors.pick(rng, ctx.timeline.now);
  const welcome = planThread(rng, { kind: 'discussion', title: WELCOME.fr, author: host, createdAt: ctx.timeline.at(0.002), lang: 'fr', visibility: 'community', pinned: !ctx.options.communityId, sourceType: null, sourceId: null, resourceId: null, hasOpening: true });
  // Pinned in a new community; more content for an existing one does not pin a second welcome thread.
  const size = longThreadSize(ctx.options.posts, budget);
  const spanHours = (ctx.timeline.now.getTime() - welcome.createdAt.getTime()) / 3600_000;
  planReplies(ctx, rng, authors, welcome, size - 1, { meanGapHours: spanHours / (size + 1), nested: 0.1, shape: (r, reply) => (reply.lead = r.pick(GREETING[reply.lang])) });
  const threads: ThreadPlan[] = [welcome];
  for (const n of threadSizes(rng, budget - size, 9, 0.12)) {
    const th = newThread(ctx, rng, authors, 'discussion');
    planReplies(ctx, rng, authors, th, n - 1, { meanGapHours: 20, nested: 0.2 });
    threads.push(th);
  }
  await writeThreads(ctx, 'discussions', threads);
  // A new community's welcome thread is where newcomers' introductions go (onboarding).
  if (!ctx.options.communityId) await CommunityIntroduction.create({ communityId: ctx.community.id, threadId: welcome.id });
  ctx.shared.longThreadId = welcome.id;
  ctx.shared.conversations = [...((ctx.shared.conversations as ThreadPlan[]) ?? []), ...threads];
}

export async function seedKnowledge(ctx: SeedContext): Promise<void> {
  const budget = postBudget(ctx.options.posts).knowledge;
  if (budget === 0) return;
  const rng = ctx.rng.derive('knowledge');
  const authors = new Authors(ctx.people);
  const threads: ThreadPlan[] = [];
  for (const n of threadSizes(rng, budget, 12, 0.05)) {
    const opening = rng.chance(0.5) ? 'my_theory' : 'need_to_understand';
    const th = newThread(ctx, rng, authors, 'knowledge', opening);
    // Longer threads get a rise-above about two thirds in, once there is something to synthesize.
    const riseAt = n >= 6 ? Math.floor((n - 1) * 0.66) : -1;
    planReplies(ctx, rng, authors, th, n - 1, { meanGapHours: 30, nested: 0.15, shape: (r, reply, i) => (i === riseAt ? riseAbove(r, reply) : scaffolded(r, reply)) });
    threads.push(th);
  }
  await writeThreads(ctx, 'knowledge', threads);
  ctx.shared.conversations = [...((ctx.shared.conversations as ThreadPlan[]) ?? []), ...threads];
}

/** A thread opened by someone who was there, in their language, with tags. */
function newThread(ctx: SeedContext, rng: Rng, authors: Authors, kind: 'discussion' | 'knowledge', scaffold: string | null = null): ThreadPlan {
  const createdAt = ctx.timeline.moment(rng);
  const author = authors.pick(rng, createdAt);
  const lang = author.lang;
  return planThread(rng, {
    kind, title: title(rng, kind, lang, ctx.domain), author, createdAt, lang, visibility: 'community', pinned: false, sourceType: null, sourceId: null, resourceId: null, hasOpening: true,
    tags: pickTags(ctx, rng, lang), scaffold, lead: scaffold ? LEADS[scaffold][lang] : '',
  });
}

function scaffolded(rng: Rng, reply: PostPlan): void {
  reply.scaffold = SCAFFOLDS[rng.weighted(SCAFFOLD_WEIGHTS)];
  reply.lead = LEADS[reply.scaffold][reply.lang];
}

/** A rise-above: a top-level synthesis linking 2–5 earlier contributions (RISE_ABOVE_MIN is 2). */
function riseAbove(rng: Rng, reply: PostPlan): void {
  const earlier = reply.thread.posts.filter((p) => p.kind === 'post');
  if (earlier.length < 2) return scaffolded(rng, reply);
  Object.assign(reply, { kind: 'rise_above', scaffold: 'putting_together', parent: null, quoted: null, mention: null, size: 'long', lead: LEADS.putting_together[reply.lang] });
  reply.links = rng.sample(earlier, rng.int(2, Math.min(5, earlier.length))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
