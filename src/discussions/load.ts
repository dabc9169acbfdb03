import { Post, Thread, type ThreadKind } from './model';
import { threadPolicy } from './policy';
import { notFound } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { ATTACHED_KINDS, threadSubject } from './extensions';

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
  // A comment is seen only where its subject is (a hidden or deleted resource hides its comments).
  // Without its subject's rule (nothing registered), an attached thread is shown to no one.
  const subject = threadSubject(thread.kind);
  if (subject ? !(await subject.visibleTo(actor, thread)) : ATTACHED_KINDS.includes(thread.kind)) throw notFound();
  return { post, thread };
}
