/**
 * The practice-journal seeder: entries (some private, visible to their author only), comments on
 * the community ones, and adaptation notes — entries that say how a practice seen in a thread or a
 * resource was transposed to the author's own institution.
 */
import type { Rng } from './random';
import { Authors } from './people';
import { planThread, planReplies, pickTags, type ThreadPlan } from './plan';
import { writeThreads } from './write';
import { postBudget } from './discussions';
import { title } from './text';
import type { SeedContext } from './context';

interface Source {
  type: 'thread' | 'resource';
  id: number;
  title: string;
  createdAt: Date;
}

/** What an adaptation note may come from: the conversations and resources seeded before. */
function sources(ctx: SeedContext): { threads: Source[]; resources: Source[] } {
  const threads = ((ctx.shared.conversations as ThreadPlan[] | undefined) ?? []).map((t) => ({ type: 'thread' as const, id: t.id, title: t.title, createdAt: t.createdAt }));
  const resources = ((ctx.shared.resources as Array<{ id: number; title: string; createdAt: Date }> | undefined) ?? []).map((r) => ({ type: 'resource' as const, ...r }));
  return { threads, resources };
}

/** Something published before `at` that an adaptation note could come from. */
function sourceBefore(rng: Rng, all: { threads: Source[]; resources: Source[] }, at: Date): Source | null {
  const pool = rng.chance(0.5) ? all.threads : all.resources;
  for (let attempt = 0; attempt < 5 && pool.length; attempt++) {
    const s = rng.pick(pool);
    if (s.createdAt < at) return s;
  }
  return null;
}

export async function seedJournal(ctx: SeedContext): Promise<void> {
  let left = postBudget(ctx.options.posts).journal;
  const rng = ctx.rng.derive('journal');
  const authors = new Authors(ctx.people);
  const threads: ThreadPlan[] = [];
  const pool = sources(ctx);
  while (left > 0) {
    const createdAt = ctx.timeline.moment(rng);
    const author = authors.pick(rng, createdAt);
    const lang = author.lang;
    const isPrivate = rng.chance(0.15);
    const source = !isPrivate && rng.chance(0.12) ? sourceBefore(rng, pool, createdAt) : null;
    const heading = source ? `${lang === 'fr' ? 'Adaptation — ' : 'Adapting — '}${source.title}`.slice(0, 200) : title(rng, 'journal', lang, ctx.domain);
    const th = planThread(rng, {
      kind: 'journal', title: heading, author, createdAt, lang, visibility: isPrivate ? 'private' : 'community', pinned: false,
      sourceType: source?.type ?? null, sourceId: source?.id ?? null, resourceId: null, hasOpening: true, tags: pickTags(ctx, rng, lang),
    });
    // Private entries get no comments: nobody else can read them.
    const comments = isPrivate ? 0 : Math.min(left - 1, rng.chance(0.4) ? 0 : rng.geometric(2));
    planReplies(ctx, rng, authors, th, Math.max(0, comments), { meanGapHours: 30, nested: 0 });
    threads.push(th);
    left -= th.posts.length;
  }
  await writeThreads(ctx, 'journal', threads);
}
