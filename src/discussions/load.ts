import { Post, Thread, type ThreadKind } from './model';
import { threadPolicy } from './policy';
import { notFound } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { Resource } from '../resources/model';
import { withViewers } from '../resources/visibility';
import { resourcePolicy } from '../resources/policy';

/**
 * A thread of the actor's community that the actor may read, or 404 — the same answer whether it
 * belongs to another community, is someone's private journal entry, or does not exist.
 */
export async function loadThread(actor: Actor, id: number, kinds?: ThreadKind[]): Promise<Thread> {
  const thread = await Thread.findOne({ where: { id, communityId: actor.communityId, deletedAt: null } });
  if (!thread || (kinds && !kinds.includes(thread.kind)) || !threadPolicy.view(actor, thread)) throw notFound();
  return thread;
}

/** A post and its thread, scoped and checked like loadThread. */
export async function loadPost(actor: Actor, id: number): Promise<{ post: Post; thread: Thread }> {
  const post = await Post.findOne({ where: { id, communityId: actor.communityId } });
  if (!post) throw notFound();
  const thread = await loadThread(actor, post.threadId);
  if (thread.kind === 'resource') {
    // A comment is seen only where its resource is (a hidden or deleted resource hides its comments).
    const resource = await Resource.findOne({ where: { threadId: thread.id, communityId: actor.communityId } });
    if (!resource || !resourcePolicy.view(actor, await withViewers(resource))) throw notFound();
  }
  return { post, thread };
}
