/**
 * Write planned conversations in bulk, with everything the services would have written one by
 * one: thread rows with their counters, posts (Markdown rendered and sanitized by the app's own
 * renderer), search documents (the FTS5 triggers / InnoDB FULLTEXT index follow the inserts),
 * mentions, follows, tags, rise-above links, and the activity rows.
 */
import type { Transaction } from 'sequelize';
import { Post, PostLink, Thread, ThreadFollow, Mention, Reaction, REACTION_KINDS } from '../discussions/model';
import { Authors } from './people';
import { Tagging } from '../content/model';
import { SearchDocument } from '../search/model';
import { documentValues, postDocument } from '../search/indexer';
import { renderMarkdown } from '../content/markdown';
import { body } from './text';
import { activity, actor, insertRows, type SeedContext } from './context';
import type { PostPlan, ThreadPlan } from './plan';
import { singleTransaction } from '../db/retry';

/** Posts rendered and inserted per transaction. */
const POSTS_PER_TRANSACTION = 2000;

/** Thread and post ids, in time order: pages list posts by id, so ids follow the conversation. */
async function assignIds(ctx: SeedContext, threads: ThreadPlan[], posts: PostPlan[], t: Transaction): Promise<void> {
  let threadId = await ctx.ids.reserve(Thread, threads.length, t);
  for (const th of threads) th.id = threadId++;
  let postId = await ctx.ids.reserve(Post, posts.length, t);
  for (const p of posts) p.id = postId++;
}

function threadRow(ctx: SeedContext, th: ThreadPlan): Record<string, unknown> {
  const last = th.posts[th.posts.length - 1];
  const replies = th.hasOpening ? th.posts.length - 1 : th.posts.length;
  return {
    id: th.id,
    communityId: ctx.community.id,
    kind: th.kind,
    title: th.title,
    authorId: th.author.userId,
    firstPostId: th.hasOpening ? th.posts[0].id : null,
    visibility: th.visibility,
    sourceType: th.sourceType,
    sourceId: th.sourceId,
    pinned: th.pinned,
    locked: false,
    replyCount: replies,
    lastPostAt: last?.createdAt ?? th.createdAt,
    lastPosterId: (last?.author ?? th.author).userId,
    createdAt: th.createdAt,
    updatedAt: last?.createdAt ?? th.createdAt,
  };
}

/**
 * Write threads and their posts; `stream` names the Rng stream of their texts. Their activity rows
 * are queued too, unless the caller records its own (problem requests: problem.create, lead.create).
 */
export async function writeThreads(ctx: SeedContext, stream: string, threads: ThreadPlan[], opts: { activities?: boolean } = {}): Promise<void> {
  const posts = threads.flatMap((th) => th.posts).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await singleTransaction(ctx.sequelize, async (t) => {
    await assignIds(ctx, threads, posts, t);
    await insertRows(ctx, Thread, threads.map((th) => threadRow(ctx, th)), t);
    const taggings = threads.flatMap((th) => th.tagIds.map((tagId) => ({ communityId: ctx.community.id, tagId, subjectType: 'thread', subjectId: th.id, createdAt: th.createdAt })));
    await insertRows(ctx, Tagging, taggings, t);
  });
  for (let i = 0; i < posts.length; i += POSTS_PER_TRANSACTION) {
    const chunk = posts.slice(i, i + POSTS_PER_TRANSACTION);
    await singleTransaction(ctx.sequelize, (t) => writePosts(ctx, stream, chunk, i, t));
    ctx.log(`  ${stream}: ${Math.min(i + POSTS_PER_TRANSACTION, posts.length)}/${posts.length} posts`);
  }
  await singleTransaction(ctx.sequelize, async (t) => {
    await insertRows(ctx, PostLink, posts.flatMap((p) => p.links.map((l) => ({ postId: p.id, targetPostId: l.id, createdAt: p.createdAt }))), t);
    await insertRows(ctx, ThreadFollow, follows(threads), t);
    await insertRows(ctx, Reaction, reactions(ctx, stream, posts), t);
  });
  if (opts.activities !== false) for (const th of threads) queueThreadActivities(ctx, th);
}

/** Render, insert and index one chunk of posts (one transaction: the index never lags the content). */
async function writePosts(ctx: SeedContext, stream: string, chunk: PostPlan[], offset: number, t: Transaction): Promise<void> {
  const rows: Array<Record<string, unknown>> = [];
  const docs: Array<Record<string, unknown>> = [];
  const mentions: Array<Record<string, unknown>> = [];
  chunk.forEach((p, k) => {
    const rng = ctx.rng.derive(stream, offset + k);
    const source = body(rng, p.lang, ctx.domain, p.size, p.lead, p.mention?.name);
    const rendered = renderMarkdown(source, p.mention ? [{ name: p.mention.name }] : []);
    p.length = rendered.length;
    const th = p.thread;
    rows.push({
      id: p.id, communityId: ctx.community.id, threadId: th.id, parentId: p.parent?.id ?? null, quotedPostId: p.quoted?.id ?? null, authorId: p.author.userId,
      kind: p.kind, scaffold: p.scaffold, bodyMd: source, bodyHtml: rendered.html, textLength: rendered.length, createdAt: p.createdAt, updatedAt: p.createdAt,
    });
    // As indexPost writes it (a resource's comment thread has no opening post: every post carries the resource).
    const thread = { id: th.id, kind: th.kind, title: th.title, firstPostId: th.hasOpening ? th.posts[0].id : null, visibility: th.visibility, authorId: th.author.userId };
    docs.push({ ...documentValues(postDocument({ id: p.id, communityId: ctx.community.id }, thread, th.resourceId, { text: rendered.text })), createdAt: p.createdAt, updatedAt: p.createdAt });
    if (p.mention && p.mention !== p.author) mentions.push({ postId: p.id, userId: p.mention.userId, createdAt: p.createdAt });
  });
  await insertRows(ctx, Post, rows, t);
  await insertRows(ctx, SearchDocument, docs, t);
  await insertRows(ctx, Mention, mentions, t);
}

/** "Useful" and "I tried it" on about a third of the posts, from members who were there, with their activity rows. */
function reactions(ctx: SeedContext, stream: string, posts: PostPlan[]): Array<Record<string, unknown>> {
  const authors = new Authors(ctx.people);
  const out: Array<Record<string, unknown>> = [];
  posts.forEach((p, i) => {
    const rng = ctx.rng.derive(stream, 'reactions', i);
    if (p.thread.visibility === 'private' || !rng.chance(0.3)) return;
    const seen = new Set<string>();
    for (let k = rng.geometric(2.2); k > 0; k--) {
      const createdAt = ctx.timeline.after(rng, p.createdAt, 30);
      const who = authors.pick(rng, createdAt);
      const kind = REACTION_KINDS[rng.chance(0.75) ? 0 : 1];
      if (who === p.author || seen.has(`${who.userId}:${kind}`)) continue;
      seen.add(`${who.userId}:${kind}`);
      out.push({ communityId: ctx.community.id, postId: p.id, userId: who.userId, kind, createdAt });
      activity(ctx, { createdAt, ...actor(who), verb: 'reaction.add', subject: { type: 'post', id: p.id }, data: { kind, threadId: p.thread.id, postAuthorId: p.author.userId } });
    }
  });
  return out;
}

/** Everyone who posted in a thread follows it (insertPost's followThread). */
function follows(threads: ThreadPlan[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const th of threads) {
    const first = new Map<number, Date>();
    for (const p of th.posts) if (!first.has(p.author.userId)) first.set(p.author.userId, p.createdAt);
    for (const [userId, createdAt] of first) out.push({ threadId: th.id, userId, createdAt });
  }
  return out;
}

/** The verbs the services record: thread.create / journal.create, then one per reply by conversation kind. */
function queueThreadActivities(ctx: SeedContext, th: ThreadPlan): void {
  for (const p of th.posts) {
    const length = p.length ?? 0;
    const mentions = p.mention && p.mention !== p.author ? [p.mention.userId] : [];
    if (th.hasOpening && p === th.posts[0]) {
      const journal = th.kind === 'journal';
      activity(ctx, {
        createdAt: p.createdAt, ...actor(p.author), verb: journal ? 'journal.create' : 'thread.create', subject: { type: 'thread', id: th.id },
        data: { kind: th.kind, postId: p.id, length, tags: th.tagSlugs, mentions, ...(p.scaffold ? { scaffold: p.scaffold } : {}), ...(journal ? { visibility: th.visibility, adaptation: th.sourceType ? { type: th.sourceType, id: th.sourceId } : null } : {}) },
      });
      continue;
    }
    if (p.kind === 'rise_above') {
      activity(ctx, {
        createdAt: p.createdAt, ...actor(p.author), verb: 'post.rise_above', subject: { type: 'post', id: p.id },
        data: { threadId: th.id, kind: th.kind, length, links: p.links.map((l) => l.id), linkedAuthors: [...new Set(p.links.map((l) => l.author.userId))], mentions, ...(p.scaffold ? { scaffold: p.scaffold } : {}) },
      });
      continue;
    }
    const verb = th.kind === 'knowledge' ? 'post.knowledge' : th.kind === 'journal' || th.kind === 'resource' ? 'comment.create' : 'post.reply';
    const on = th.kind === 'journal' ? { on: 'journal', onId: th.id, onAuthorId: th.author.userId } : th.kind === 'resource' ? { on: 'resource', onId: th.resourceId, onAuthorId: th.author.userId } : { threadAuthorId: th.author.userId };
    activity(ctx, {
      createdAt: p.createdAt, ...actor(p.author), verb, subject: { type: 'post', id: p.id },
      data: { threadId: th.id, kind: th.kind, parentId: p.parent?.id ?? null, quotedPostId: p.quoted?.id ?? null, length, mentions, ...(p.scaffold ? { scaffold: p.scaffold } : {}), ...on },
    });
  }
}
