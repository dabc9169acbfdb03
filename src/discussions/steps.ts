import type { Request, Response } from 'express';
import type { MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import { loadPost, loadThread } from './load';
import { postLocation } from './locate';
import type { Post, Thread, ThreadKind } from './model';

/** What the discussion routes share: the subjects in their addresses, and the way back to a post. */

/** The thread in the address, of one of these kinds, that the actor may read (404 otherwise). */
export const threadOf = (kinds: ThreadKind[]) => (c: MemberContext, req: Request) => loadThread(c.actor, idParam(req.params.threadId), kinds);

/** The post in the address and its thread, both readable by the actor (404 otherwise). */
export const postOf = (c: MemberContext, req: Request) => loadPost(c.actor, idParam(req.params.postId));

/** Back to a post where it is shown (its thread's page, at its anchor). */
export async function redirectToPost(c: MemberContext, res: Response, post: Post, thread: Thread) {
  const at = await postLocation(post, thread);
  res.redirect(303, c.url(at.path, at.query) + at.hash);
}
