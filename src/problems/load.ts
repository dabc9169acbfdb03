import { Post, Thread } from '../discussions/model';
import { notFound } from '../kernel/errors';
import { Problem } from './model';
import type { Actor } from '../kernel/actor';

/** A problem of the actor's community and its thread, or 404 (same answer for another community's or a missing one). */
export async function loadProblem(actor: Actor, threadId: number): Promise<{ problem: Problem; thread: Thread }> {
  const thread = await Thread.findOne({ where: { id: threadId, communityId: actor.communityId, kind: 'problem', deletedAt: null } });
  const problem = thread ? await Problem.findOne({ where: { threadId: thread.id, communityId: actor.communityId } }) : null;
  if (!thread || !problem) throw notFound();
  return { problem, thread };
}

/** A lead of this problem: a top-level post of its thread other than the opening one, or 404. */
export async function loadLead(thread: Thread, postId: number): Promise<Post> {
  const post = await Post.findOne({ where: { id: postId, threadId: thread.id, communityId: thread.communityId, parentId: null } });
  if (!post || post.id === thread.firstPostId) throw notFound();
  return post;
}
