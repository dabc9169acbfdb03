import type { Transaction } from 'sequelize';
import type { Actor } from '../kernel/actor';
import { forbidden } from '../kernel/errors';
import { Thread } from '../discussions/model';
import { replyToThread } from '../discussions/replies';
import type { Post } from '../discussions/model';
import type { Resource } from './model';

/** Comment on a resource, in its comment thread (a resource without one takes no comment). */
export async function commentOnResource(actor: Actor, resource: Resource, body: string, transaction: Transaction): Promise<Post> {
  const thread = await Thread.findOne({ where: { id: resource.threadId ?? 0, communityId: actor.communityId }, transaction });
  if (!thread) throw forbidden();
  return replyToThread(actor, thread, { body }, transaction, { type: 'resource', id: resource.id, authorId: resource.authorId });
}
