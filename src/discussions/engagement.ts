import { UniqueConstraintError, type Transaction } from 'sequelize';
import { Reaction, ThreadFollow, type Post, type ReactionKind, type Thread } from './model';
import { followThread, who } from './posts';
import { recordActivity } from '../activity/model';
import type { Actor } from '../kernel/actor';

/**
 * Set or clear a reaction ("useful", "I tried it"). Idempotent: a double click changes nothing;
 * the unique index settles two at once. The post's author goes in the activity data, so a
 * reaction received can be scored.
 */
export async function setReaction(actor: Actor, thread: Thread, post: Post, kind: ReactionKind, on: boolean, transaction: Transaction): Promise<boolean> {
  const existing = await Reaction.findOne({ where: { postId: post.id, userId: actor.userId, kind }, transaction });
  if (on === !!existing) return false;
  if (on) {
    try {
      await Reaction.create({ communityId: actor.communityId, postId: post.id, userId: actor.userId, kind }, { transaction });
    } catch (err) {
      if (err instanceof UniqueConstraintError) return false;
      throw err;
    }
  } else {
    await existing!.destroy({ transaction });
  }
  await recordActivity(
    { ...who(actor), verb: on ? 'reaction.add' : 'reaction.remove', subject: { type: 'post', id: post.id }, data: { kind, threadId: thread.id, postAuthorId: post.authorId } },
    transaction,
  );
  return true;
}

/** Follow or unfollow a thread (idempotent). */
export async function setFollow(actor: Actor, thread: Thread, on: boolean, transaction: Transaction): Promise<boolean> {
  const changed = on
    ? await followThread(thread.id, actor.userId, transaction)
    : (await ThreadFollow.destroy({ where: { threadId: thread.id, userId: actor.userId }, transaction })) > 0;
  if (changed) await recordActivity({ ...who(actor), verb: on ? 'thread.follow' : 'thread.unfollow', subject: { type: 'thread', id: thread.id } }, transaction);
  return changed;
}
