import { Op, type Transaction } from 'sequelize';
import { ModerationAction, Post, Thread } from './model';
import { PostFlag } from './flag-model';
import { who, subjectIdOf } from './posts';
import { indexPost, unindexPost } from './extensions';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { lockRows } from '../db/locks';

/** Write one line of the audit trail and the matching activity row (same transaction). */
export async function audit(
  actor: Actor,
  entry: { action: string; subject: { type: string; id: number }; reason?: string | null; data?: Record<string, unknown> },
  transaction: Transaction,
): Promise<void> {
  await ModerationAction.create(
    {
      communityId: actor.communityId,
      actorId: actor.userId,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      reason: entry.reason ?? null,
      data: entry.data ? JSON.stringify(entry.data) : null,
    },
    { transaction },
  );
  await recordActivity({ ...who(actor), verb: entry.action, subject: entry.subject, data: { ...entry.data, reason: entry.reason ?? null } }, transaction);
}

/** Pin or unpin a thread (pinned threads head their list). */
export async function setPinned(actor: Actor, thread: Thread, on: boolean, reason: string | null, transaction: Transaction): Promise<void> {
  if (thread.pinned === on) return;
  await thread.update({ pinned: on }, { transaction });
  await audit(actor, { action: on ? 'thread.pin' : 'thread.unpin', subject: { type: 'thread', id: thread.id }, reason }, transaction);
}

/** Lock or unlock a thread (a locked thread takes no new posts, except from facilitators). */
export async function setLocked(actor: Actor, thread: Thread, on: boolean, reason: string | null, transaction: Transaction): Promise<void> {
  if (thread.locked === on) return;
  await thread.update({ locked: on }, { transaction });
  await audit(actor, { action: on ? 'thread.lock' : 'thread.unlock', subject: { type: 'thread', id: thread.id }, reason }, transaction);
}

/** Hide a post (with a reason): members see a placeholder in its place; it leaves search; its open flags are settled. */
export async function hidePost(actor: Actor, thread: Thread, post: Post, reason: string, transaction: Transaction): Promise<void> {
  const now = new Date();
  await post.update({ hiddenAt: now, hiddenBy: actor.userId, hiddenReason: reason }, { transaction });
  await PostFlag.update({ resolvedAt: now, resolvedBy: actor.userId, resolution: 'hidden' }, { where: { communityId: actor.communityId, postId: post.id, resolvedAt: null }, transaction });
  await unindexPost(post.id, transaction);
  await audit(actor, { action: 'post.hide', subject: { type: 'post', id: post.id }, reason, data: { threadId: thread.id, postAuthorId: post.authorId } }, transaction);
}

/** Restore a hidden post (with a reason): it is shown and searchable again. */
export async function restorePost(actor: Actor, thread: Thread, post: Post, reason: string, transaction: Transaction): Promise<void> {
  await post.update({ hiddenAt: null, hiddenBy: null, hiddenReason: null }, { transaction });
  await indexPost(post, thread, transaction, await subjectIdOf(thread, transaction));
  await audit(actor, { action: 'post.restore', subject: { type: 'post', id: post.id }, reason, data: { threadId: thread.id, postAuthorId: post.authorId } }, transaction);
}

/**
 * Move a top-level post, with its replies, to another conversation of the same community
 * (off-topic replies, a question that deserves its own thread). Both threads' counters are
 * recomputed and the moved posts re-indexed under their new thread.
 */
export async function movePost(actor: Actor, from: Thread, post: Post, to: Thread, reason: string, transaction: Transaction): Promise<number> {
  if (to.id === from.id || to.communityId !== actor.communityId || !['discussion', 'knowledge'].includes(to.kind)) {
    throw new DomainError('invalid', 'discussions.errors.move_target');
  }
  await lockRows(Thread, [from.id, to.id], transaction);
  const moved = await Post.findAll({ where: { threadId: from.id, [Op.or]: [{ id: post.id }, { parentId: post.id }] }, transaction });
  await Post.update({ threadId: to.id }, { where: { id: { [Op.in]: moved.map((p) => p.id) } }, transaction });
  for (const t of [from, to]) await recount(t, transaction);
  for (const p of moved) {
    p.threadId = to.id;
    await indexPost(p, to, transaction);
  }
  await audit(
    actor,
    { action: 'post.move', subject: { type: 'post', id: post.id }, reason, data: { fromThreadId: from.id, toThreadId: to.id, posts: moved.length } },
    transaction,
  );
  return moved.length;
}

/** Recompute a thread's reply count and latest post from its rows (after a move). */
async function recount(thread: Thread, transaction: Transaction): Promise<void> {
  const where = { threadId: thread.id, id: { [Op.ne]: thread.firstPostId ?? 0 } };
  const replyCount = await Post.count({ where, transaction });
  const last = await Post.findOne({ where: { threadId: thread.id }, order: [['createdAt', 'DESC']], attributes: ['createdAt'], transaction });
  const lastPostAt = last?.createdAt ?? thread.createdAt;
  // A statement, not instance.update: the instance's counter may be stale (increments bypass it), and
  // an instance update skips values it believes unchanged.
  await Thread.update({ replyCount, lastPostAt }, { where: { id: thread.id }, transaction });
}
