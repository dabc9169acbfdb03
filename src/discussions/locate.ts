import { Op } from 'sequelize';
import { Post, type Thread } from './model';
import { threadSubject } from './extensions';
import { THREAD_PAGE_SIZE } from './presenters/thread';

/**
 * Where a post is shown: its thread's page (top-level posts paginate, replies stay with their
 * parent), a journal entry, or the page of the thread's subject (a resource's) — as a path, query and anchor for url().
 */
export async function postLocation(post: Post, thread: Thread): Promise<{ path: string; query: Record<string, string | number>; hash: string }> {
  const cid = thread.communityId;
  const hash = `#post-${post.id}`;
  if (thread.kind === 'journal') return { path: `/c/${cid}/journal/${thread.id}`, query: {}, hash };
  if (thread.kind === 'problem') return { path: `/c/${cid}/problems/${thread.id}`, query: pageQuery(await leadsBefore(post, thread)), hash };
  const subject = threadSubject(thread.kind);
  if (subject) return { path: await subject.path(thread), query: {}, hash };
  const top = post.parentId ?? post.id;
  if (top === thread.firstPostId) return { path: `/c/${cid}/threads/${thread.id}`, query: {}, hash };
  const before = await Post.count({ where: { threadId: thread.id, parentId: null, id: { [Op.lt]: top, [Op.ne]: thread.firstPostId ?? 0 } } });
  const page = Math.floor(before / THREAD_PAGE_SIZE) + 1;
  return { path: `/c/${cid}/threads/${thread.id}`, query: page > 1 ? { page } : {}, hash };
}

/** Leads before this one (problem pages paginate their leads like a thread's top-level posts). */
async function leadsBefore(post: Post, thread: Thread): Promise<number> {
  const top = post.parentId ?? post.id;
  if (top === thread.firstPostId) return 0;
  return Post.count({ where: { threadId: thread.id, parentId: null, id: { [Op.lt]: top, [Op.ne]: thread.firstPostId ?? 0 } } });
}

function pageQuery(before: number): Record<string, number> {
  const n = Math.floor(before / THREAD_PAGE_SIZE) + 1;
  return n > 1 ? { page: n } : {};
}
