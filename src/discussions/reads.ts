import { Op, QueryTypes } from 'sequelize';
import { Post, ThreadRead } from './model';

/**
 * Reading positions: the highest post id a member has seen in each thread. A thread page marks
 * the posts above it as new and moves it forward; lists count what is new and link to the first
 * new post ("continue where you left off"). One's own posts are never new.
 */
export async function readPosition(userId: number, threadId: number): Promise<number> {
  const row = await ThreadRead.findOne({ where: { userId, threadId }, attributes: ['lastReadPostId'] });
  return row?.lastReadPostId ?? 0;
}

/**
 * Move the position forward to `postId` (never back: an old page opened later changes nothing).
 * One upsert statement, no transaction: a class opening the same thread at once never waits on
 * each other, and two tabs of one member settle on the higher position.
 */
export async function markRead(userId: number, threadId: number, postId: number): Promise<void> {
  if (postId <= 0) return;
  const sequelize = ThreadRead.sequelize!;
  const sql =
    sequelize.getDialect() === 'sqlite'
      ? `INSERT INTO thread_reads (thread_id, user_id, last_read_post_id, updated_at) VALUES (:threadId, :userId, :postId, :now)
           ON CONFLICT(user_id, thread_id) DO UPDATE SET last_read_post_id = MAX(last_read_post_id, excluded.last_read_post_id), updated_at = excluded.updated_at
           WHERE excluded.last_read_post_id > thread_reads.last_read_post_id`
      : `INSERT INTO thread_reads (thread_id, user_id, last_read_post_id, updated_at) VALUES (:threadId, :userId, :postId, :now)
           ON DUPLICATE KEY UPDATE updated_at = IF(VALUES(last_read_post_id) > last_read_post_id, VALUES(updated_at), updated_at),
             last_read_post_id = GREATEST(last_read_post_id, VALUES(last_read_post_id))`;
  await sequelize.query(sql, { replacements: { threadId, userId, postId, now: new Date() } });
}

/**
 * New posts (by others, not deleted) per thread for one member, and whether they opened the thread
 * before (a thread never opened is "new" as a whole): one query for a whole list.
 */
export async function unreadCounts(userId: number, threadIds: number[]): Promise<Map<number, { count: number; opened: boolean }>> {
  if (threadIds.length === 0) return new Map();
  const sequelize = Post.sequelize!;
  const rows = await sequelize.query<{ thread_id: number; n: number; opened: number }>(
    `SELECT p.thread_id, COUNT(*) AS n, MAX(CASE WHEN r.id IS NULL THEN 0 ELSE 1 END) AS opened FROM posts p
       LEFT JOIN thread_reads r ON r.thread_id = p.thread_id AND r.user_id = :userId
      WHERE p.thread_id IN (:threadIds) AND p.deleted_at IS NULL AND (p.author_id IS NULL OR p.author_id <> :userId)
        AND p.id > COALESCE(r.last_read_post_id, 0)
      GROUP BY p.thread_id`,
    { replacements: { userId, threadIds }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [Number(r.thread_id), { count: Number(r.n), opened: Number(r.opened) === 1 }]));
}

/** The first post a member has not read in a thread, or null. */
export async function firstUnread(userId: number, threadId: number): Promise<Post | null> {
  const position = await readPosition(userId, threadId);
  return Post.findOne({
    where: { threadId, id: { [Op.gt]: position }, deletedAt: null, [Op.or]: [{ authorId: null }, { authorId: { [Op.ne]: userId } }] },
    order: [['id', 'ASC']],
  });
}

interface Marked {
  id: number;
  own: boolean;
}

/**
 * Mark the posts of a page (opening, top-level posts and their replies) new or not, from the
 * member's position before this visit; returns the first new one's id and the highest id shown.
 */
export function markUnread<T extends Marked & { replies?: Marked[] }>(position: number, opening: Marked | null, posts: T[]): { firstUnreadId: number | null; highest: number } {
  const all: Array<Marked & { unread?: boolean }> = [...(opening ? [opening] : []), ...posts.flatMap((p) => [p, ...(p.replies ?? [])])];
  let first: number | null = null;
  let highest = 0;
  for (const p of all) {
    p.unread = position > 0 && p.id > position && !p.own;
    if (p.unread && (first === null || p.id < first)) first = p.id;
    highest = Math.max(highest, p.id);
  }
  return { firstUnreadId: first, highest };
}
