import { Op, type Transaction } from 'sequelize';
import { Post, PostLink, type Thread } from './model';
import { insertPost, who } from './posts';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

/** A rise-above synthesizes at least two contributions (Knowledge Forum), at most this many. */
export const RISE_ABOVE_MIN = 2;
export const RISE_ABOVE_MAX = 50;

/**
 * Write a rise-above note: a top-level post of kind rise_above that links to the contributions it
 * synthesizes (visible posts of the same thread), recorded as post.rise_above.
 */
export async function createRiseAbove(actor: Actor, thread: Thread, input: { body: string; targetIds: number[]; scaffold: string | null }, transaction: Transaction) {
  const ids = [...new Set(input.targetIds)];
  if (ids.length < RISE_ABOVE_MIN || ids.length > RISE_ABOVE_MAX) throw new DomainError('invalid', 'discussions.errors.rise_above_count');
  const targets = await Post.findAll({ where: { id: { [Op.in]: ids }, threadId: thread.id, deletedAt: null, hiddenAt: null }, attributes: ['id', 'authorId'], transaction });
  if (targets.length !== ids.length) throw new DomainError('invalid', 'discussions.errors.rise_above_targets');
  const { post, rendered, mentioned } = await insertPost(actor, thread, { body: input.body, kind: 'rise_above', scaffold: input.scaffold }, transaction);
  await PostLink.bulkCreate(ids.map((targetPostId) => ({ postId: post.id, targetPostId })), { transaction });
  await recordActivity(
    {
      ...who(actor),
      verb: 'post.rise_above',
      subject: { type: 'post', id: post.id },
      data: { threadId: thread.id, kind: thread.kind, length: rendered.length, links: ids, linkedAuthors: [...new Set(targets.map((t) => t.authorId))], mentions: mentioned, ...(input.scaffold ? { scaffold: input.scaffold } : {}) },
    },
    transaction,
  );
  return post;
}
