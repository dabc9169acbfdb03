import type { Transaction } from 'sequelize';
import { Post, Thread, ThreadFollow, type PostKind } from './model';
import { renderMarkdown, type Rendered } from '../content/markdown';
import { findMentions, recordMentions } from './mentions';
import { notifyPostAudience } from './notify';
import { indexPost, unindexPost, threadSubject } from './extensions';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { lockRow } from '../db/locks';

export interface PostInput {
  body: string;
  parentId?: number | null;
  scaffold?: string | null;
  kind?: PostKind;
}

export interface InsertedPost {
  post: Post;
  rendered: Rendered;
  mentioned: number[];
}

/**
 * Nesting is one level deep: a reply to a reply joins the top-level post's replies and quotes
 * the reply it answers, so the conversation keeps its context without deep trees.
 */
async function resolveParent(thread: Thread, parentId: number | null | undefined, transaction: Transaction) {
  if (!parentId) return { parentId: null, quotedPostId: null };
  const parent = await Post.findOne({ where: { id: parentId, threadId: thread.id }, transaction });
  if (!parent || parent.id === thread.firstPostId) return { parentId: null, quotedPostId: parent ? parent.id : null };
  return { parentId: parent.parentId ?? parent.id, quotedPostId: parent.id };
}

/**
 * Add a post to a thread: Markdown rendered and sanitized, @mentions recorded, thread counters,
 * the author follows the thread, the search index, and the 'mention' / 'reply' notifications
 * (discussions/notify.ts) — all in the caller's transaction. The
 * caller records the activity (its verb depends on the feature).
 */
export async function insertPost(actor: Actor, thread: Thread, input: PostInput, transaction: Transaction, opts: { opening?: boolean; resourceId?: number | null } = {}): Promise<InsertedPost> {
  // The thread row first: concurrent replies queue here instead of deadlocking on reply_count (src/db/locks.ts).
  if (!opts.opening) await lockRow(Thread, thread.id, transaction);
  const mentions = await findMentions(actor.communityId, input.body, transaction);
  const rendered = renderMarkdown(input.body, mentions);
  if (rendered.length === 0) throw new DomainError('invalid', 'content.errors.body_empty');
  const links = opts.opening ? { parentId: null, quotedPostId: null } : await resolveParent(thread, input.parentId, transaction);
  const post = await Post.create(
    {
      communityId: actor.communityId,
      threadId: thread.id,
      ...links,
      authorId: actor.userId,
      kind: input.kind ?? 'post',
      scaffold: input.scaffold ?? null,
      bodyMd: input.body,
      bodyHtml: rendered.html,
      textLength: rendered.length,
    },
    { transaction },
  );
  const now = post.createdAt;
  if (opts.opening) await thread.update({ firstPostId: post.id, lastPostAt: now, lastPosterId: actor.userId }, { transaction });
  else {
    // An atomic increment (the row is locked above, so replies committed at once all count).
    await Thread.increment('replyCount', { by: 1, where: { id: thread.id }, transaction });
    await thread.update({ lastPostAt: now, lastPosterId: actor.userId }, { transaction });
  }
  await followThread(thread.id, actor.userId, transaction);
  const mentioned = await recordMentions(post.id, actor.userId, mentions, transaction);
  await indexPost(post, thread, transaction, opts.resourceId ?? null);
  await notifyPostAudience(actor, thread, post, mentioned, { reply: !opts.opening }, transaction);
  return { post, rendered, mentioned };
}

/** Follow a thread (idempotent). */
export async function followThread(threadId: number, userId: number, transaction: Transaction): Promise<boolean> {
  const [, created] = await ThreadFollow.findOrCreate({ where: { threadId, userId }, defaults: { threadId, userId }, transaction });
  return created;
}

/** Re-render a post's text and mark it edited (mentions and search follow). No activity: callers record theirs. */
export async function revisePost(actor: Actor, thread: Thread, post: Post, input: { body: string; scaffold?: string | null; title?: string }, transaction: Transaction) {
  const mentions = await findMentions(actor.communityId, input.body, transaction);
  const rendered = renderMarkdown(input.body, mentions);
  if (rendered.length === 0) throw new DomainError('invalid', 'content.errors.body_empty');
  const changes: Record<string, unknown> = { bodyMd: input.body, bodyHtml: rendered.html, textLength: rendered.length, editedAt: new Date() };
  if (input.scaffold !== undefined) changes.scaffold = input.scaffold;
  await post.update(changes, { transaction });
  if (input.title !== undefined && post.id === thread.firstPostId) await thread.update({ title: input.title }, { transaction });
  const mentioned = await recordMentions(post.id, actor.userId, mentions, transaction);
  await indexPost(post, thread, transaction, await subjectIdOf(thread, transaction));
  await notifyPostAudience(actor, thread, post, mentioned, { reply: false }, transaction);
  return { rendered, mentioned };
}

/** Edit a post's text (the author, within the policy's window): "edited" shows from now on. */
export async function editPost(actor: Actor, thread: Thread, post: Post, input: { body: string; scaffold?: string | null; title?: string }, transaction: Transaction): Promise<void> {
  const { rendered, mentioned } = await revisePost(actor, thread, post, input, transaction);
  await recordActivity(
    { ...who(actor), verb: 'post.edit', subject: { type: 'post', id: post.id }, data: { threadId: thread.id, kind: thread.kind, length: rendered.length, mentions: mentioned } },
    transaction,
  );
}

/** The author removes a post: its text goes, its place stays ("removed by its author") so replies keep their context. */
export async function deletePost(actor: Actor, thread: Thread, post: Post, transaction: Transaction): Promise<void> {
  await post.update({ bodyMd: '', bodyHtml: '', textLength: 0, deletedAt: new Date() }, { transaction });
  await unindexPost(post.id, transaction);
  await recordActivity({ ...who(actor), verb: 'post.delete', subject: { type: 'post', id: post.id }, data: { threadId: thread.id, kind: thread.kind } }, transaction);
}

/** The subject a thread belongs to, as registered (search documents link a resource's comments to their resource). */
export async function subjectIdOf(thread: Thread, transaction: Transaction): Promise<number | null> {
  const subject = threadSubject(thread.kind);
  return subject ? subject.idOf(thread, transaction) : null;
}

/** The who/where part of an activity row. */
export function who(actor: Actor) {
  return { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId };
}
