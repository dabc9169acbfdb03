/**
 * Members flag posts for the facilitators (issue 19): a flag names a reason and may carry a note;
 * facilitators find open flags in their to-do (src/facilitation/todo.ts) and in the moderation
 * log, and settle them by hiding the post (hidePost resolves its flags) or by dismissing them.
 * Each step is a line of the moderation audit trail.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { PostFlag, type FlagReason } from './flag-model';
import { audit } from './moderation';
import { DomainError } from '../kernel/errors';
import type { Post, Thread } from './model';
import type { Actor } from '../kernel/actor';

/** Flag a post (one flag per member and post: a second one is refused with a clear message). */
export async function flagPost(actor: Actor, thread: Thread, post: Post, input: { reason: FlagReason; note?: string }, transaction: Transaction): Promise<PostFlag> {
  let flag: PostFlag;
  try {
    flag = await PostFlag.create({ communityId: actor.communityId, postId: post.id, membershipId: actor.membershipId, reason: input.reason, note: input.note ?? null }, { transaction });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new DomainError('conflict', 'discussions.errors.already_flagged');
    throw err;
  }
  await audit(actor, { action: 'post.flag', subject: { type: 'post', id: post.id }, reason: input.note ?? null, data: { threadId: thread.id, flagReason: input.reason, postAuthorId: post.authorId } }, transaction);
  return flag;
}

/** Close the open flags of a post (hidden: the post was hidden; dismissed: a facilitator kept it). Returns how many. */
export async function resolveFlags(actor: Actor, postId: number, resolution: 'hidden' | 'dismissed', transaction: Transaction): Promise<number> {
  const [n] = await PostFlag.update(
    { resolvedAt: new Date(), resolvedBy: actor.userId, resolution },
    { where: { communityId: actor.communityId, postId, resolvedAt: null }, transaction },
  );
  return n;
}

/** A facilitator keeps the post and closes its flags, with a reason for the audit trail. */
export async function dismissFlags(actor: Actor, thread: Thread, post: Post, reason: string, transaction: Transaction): Promise<number> {
  const n = await resolveFlags(actor, post.id, 'dismissed', transaction);
  if (n === 0) throw new DomainError('conflict', 'discussions.errors.no_open_flag');
  await audit(actor, { action: 'post.flag_dismiss', subject: { type: 'post', id: post.id }, reason, data: { threadId: thread.id, flags: n } }, transaction);
  return n;
}

/** The open flags of a post, oldest first (the moderation page lists them). */
export async function openFlagsOf(communityId: number, postId: number): Promise<PostFlag[]> {
  return PostFlag.findAll({ where: { communityId, postId, resolvedAt: null }, order: [['id', 'ASC']] });
}

/** Posts with open flags in a community: post id, number of flags, newest flag (for the to-do). */
export async function flaggedPosts(communityId: number, limit = 10): Promise<Array<{ postId: number; flags: number; latestId: number; since: Date }>> {
  const rows = await PostFlag.findAll({ where: { communityId, resolvedAt: null }, order: [['id', 'DESC']], limit: 200, attributes: ['id', 'postId', 'createdAt'] });
  const byPost = new Map<number, { postId: number; flags: number; latestId: number; since: Date }>();
  for (const r of rows) {
    const seen = byPost.get(r.postId);
    if (seen) {
      seen.flags++;
      if (r.createdAt < seen.since) seen.since = r.createdAt;
    } else byPost.set(r.postId, { postId: r.postId, flags: 1, latestId: r.id, since: r.createdAt });
  }
  return [...byPost.values()].slice(0, limit);
}

