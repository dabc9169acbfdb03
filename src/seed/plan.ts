/**
 * Conversations as plans before they are written: a thread (discussion, knowledge building, journal
 * entry, a resource's comments) and its posts, with authors, times, nesting and quotes shaped like
 * what the services produce (one level of nesting, a reply to a reply quotes it). Texts are written
 * later, by the writer, from a stream of their own.
 */
import type { Rng } from './random';
import type { SeedContext, SeedPerson } from './context';
import type { Authors } from './people';
import type { Lang, Size } from './text';
import { pickSize } from './text';
import type { ThreadKind, PostKind } from '../discussions/model';

export interface PostPlan {
  id: number;
  thread: ThreadPlan;
  author: SeedPerson;
  createdAt: Date;
  kind: PostKind;
  scaffold: string | null;
  parent: PostPlan | null;
  quoted: PostPlan | null;
  lang: Lang;
  size: Size;
  /** Opening words (a scaffold's phrase, a greeting). */
  lead: string;
  mention: SeedPerson | null;
  /** Rise-above notes: the contributions they synthesize. */
  links: PostPlan[];
  /** Characters of the rendered text (set by the writer; activity rows record it). */
  length?: number;
}

export interface ThreadPlan {
  id: number;
  kind: ThreadKind;
  title: string;
  author: SeedPerson;
  createdAt: Date;
  lang: Lang;
  visibility: 'community' | 'private';
  pinned: boolean;
  sourceType: 'thread' | 'resource' | null;
  sourceId: number | null;
  /** A resource's comment thread: the resource (its comments' search documents point at it). */
  resourceId: number | null;
  tagIds: number[];
  tagSlugs: string[];
  /** The opening post first, unless the thread has none (a resource's comments). */
  posts: PostPlan[];
  hasOpening: boolean;
}

/** A new thread plan with its opening post (if any). */
export function planThread(rng: Rng, t: Omit<ThreadPlan, 'id' | 'posts' | 'tagIds' | 'tagSlugs'> & { tags?: Array<{ id: number; slug: string }>; scaffold?: string | null; lead?: string }): ThreadPlan {
  const { tags = [], scaffold = null, lead = '', ...fields } = t;
  const thread: ThreadPlan = { ...fields, id: 0, tagIds: tags.map((x) => x.id), tagSlugs: tags.map((x) => x.slug), posts: [] };
  if (thread.hasOpening) {
    thread.posts.push({ id: 0, thread, author: t.author, createdAt: t.createdAt, kind: 'post', scaffold, parent: null, quoted: null, lang: t.lang, size: pickSize(rng, true), lead, mention: null, links: [] });
  }
  return thread;
}

export interface ReplyOptions {
  /** Mean hours between two posts of a thread. */
  meanGapHours: number;
  /** Share of replies answering an earlier reply (nested one level). */
  nested: number;
  /** Called for each reply to set its scaffold, kind or lead. */
  shape?: (rng: Rng, reply: PostPlan, index: number) => void;
}

/** Times for n posts after t0: exponential gaps, squeezed to end before now. */
function replyTimes(ctx: SeedContext, rng: Rng, t0: Date, n: number, meanHours: number): Date[] {
  const gaps = Array.from({ length: n }, () => Math.max(60_000, rng.exponential(meanHours) * 3600_000));
  const total = gaps.reduce((a, b) => a + b, 0);
  const span = ctx.timeline.now.getTime() - 60_000 - t0.getTime();
  // Too long for the time left: squeeze the gaps (the last post still lands a little before now).
  const scale = total > span ? (Math.max(0, span) * (0.85 + 0.13 * rng.float())) / total : 1;
  let t = t0.getTime();
  return gaps.map((g) => new Date((t += Math.max(1000, g * scale))));
}

/** Add n replies to a thread, with authors who could write at the time. */
export function planReplies(ctx: SeedContext, rng: Rng, authors: Authors, thread: ThreadPlan, n: number, opts: ReplyOptions): void {
  const opening = thread.hasOpening ? thread.posts[0] : null;
  for (const [i, createdAt] of replyTimes(ctx, rng, thread.createdAt, n, opts.meanGapHours).entries()) {
    const author = authors.pick(rng, createdAt);
    const lang: Lang = rng.chance(0.85) ? author.lang : thread.lang;
    const earlier = thread.posts.filter((p) => p !== opening && p.kind === 'post');
    const target = earlier.length && rng.chance(opts.nested) ? rng.pick(earlier) : null;
    const reply: PostPlan = {
      id: 0,
      thread,
      author,
      createdAt,
      kind: 'post',
      scaffold: null,
      parent: target ? (target.parent ?? target) : null,
      quoted: target,
      lang,
      size: pickSize(rng, false),
      lead: '',
      mention: thread.author !== author && rng.chance(0.03) ? thread.author : null,
      links: [],
    };
    opts.shape?.(rng, reply, i);
    thread.posts.push(reply);
  }
}

/** Split a number of posts into thread sizes: mostly small threads, some long ones, a few unanswered. */
export function threadSizes(rng: Rng, posts: number, meanSize: number, unanswered: number): number[] {
  const sizes: number[] = [];
  let left = posts;
  while (left > 0) {
    const size = Math.min(left, rng.chance(unanswered) ? 1 : 1 + rng.geometric(meanSize - 1));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** 0–3 tags of the thread's language, the popular ones more often. */
export function pickTags(ctx: SeedContext, rng: Rng, lang: Lang): Array<{ id: number; slug: string }> {
  const pool = ((ctx.shared.tags as Array<{ id: number; slug: string; lang: Lang }> | undefined) ?? []).filter((t) => t.lang === lang);
  const n = [0, 1, 1, 2, 2, 3][rng.int(0, 5)];
  const chosen = new Map<number, { id: number; slug: string }>();
  for (let i = 0; i < n && pool.length; i++) {
    const t = pool[rng.weighted(pool.map((_, k) => 1 / (k + 1)))];
    chosen.set(t.id, t);
  }
  return [...chosen.values()];
}
