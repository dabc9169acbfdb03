import type { Transaction } from 'sequelize';
import { Resource } from './model';
import { withViewers } from './visibility';
import { resourcePolicy } from './policy';
import type { Thread } from '../discussions/model';
import type { ThreadSubject } from '../discussions/extensions';
import type { Actor } from '../kernel/actor';

/** The resource a comment thread belongs to (search documents link comments to their resource). */
async function resourceIdOf(thread: Thread, transaction?: Transaction): Promise<number | null> {
  const r = await Resource.findOne({ where: { threadId: thread.id }, attributes: ['id'], transaction });
  return r?.id ?? null;
}

/**
 * A resource's comment thread, as discussions sees it (registered for the 'resource' thread kind
 * in src/features.ts): its comments are seen only where the resource is, and shown on its page.
 */
export const resourceThreadSubject: ThreadSubject = {
  idOf: resourceIdOf,
  async visibleTo(actor: Actor, thread: Thread): Promise<boolean> {
    const resource = await Resource.findOne({ where: { threadId: thread.id, communityId: actor.communityId } });
    return !!resource && resourcePolicy.view(actor, await withViewers(resource));
  },
  async path(thread: Thread): Promise<string> {
    const id = await resourceIdOf(thread);
    return id ? `/c/${thread.communityId}/resources/${id}` : `/c/${thread.communityId}/resources`;
  },
};
