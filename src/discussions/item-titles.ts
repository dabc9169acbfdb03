import { Post, Thread } from './model';

/**
 * The titles a permanent link's hint shows (sessions/resume.ts `itemTitle`, registered from
 * src/features.ts). A journal entry is never named: some are private.
 */
function readable(thread: Thread | null): string | null {
  return thread && thread.kind !== 'journal' ? thread.title : null;
}

/** A thread's (or a problem's) title. */
export async function threadTitle(communityId: number, id: number): Promise<string | null> {
  return readable(await Thread.findOne({ where: { id, communityId, deletedAt: null } }));
}

/** A post is named by its thread's title. */
export async function postTitle(communityId: number, id: number): Promise<string | null> {
  const post = await Post.findOne({ where: { id, communityId, deletedAt: null } });
  return readable(post ? await Thread.findOne({ where: { id: post.threadId, communityId, deletedAt: null } }) : null);
}
