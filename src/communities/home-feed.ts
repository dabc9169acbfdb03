import { Op, QueryTypes } from 'sequelize';
import { Thread } from '../discussions/model';
import { Resource } from '../resources/model';
import { communityWide } from '../resources/visibility';
import { visitAnchor, listPath } from '../discussions/presenters/list';
import { namesOf } from '../content/people';
import { dateView } from '../content/dates';
import type { Membership } from '../kernel/community';
import type { Lang } from '../i18n';

const CONVERSATIONS = ['discussion', 'knowledge'];
/** Threads anyone in the community may see (no private journal entry, nothing deleted). */
const visibleThreads = (communityId: number) => ({ communityId, deletedAt: null, visibility: 'community', kind: { [Op.in]: [...CONVERSATIONS, 'journal'] } });

function threadPath(t: { id: number; kind: string; communityId: number }): string {
  return t.kind === 'journal' ? `/c/${t.communityId}/journal/${t.id}` : `/c/${t.communityId}/threads/${t.id}`;
}

/**
 * The latest conversations, entries and resources of a community, and the threads still waiting
 * for a first answer: the same for every member (the home caches it, communities/home.ts). Dates
 * stay dates: each reader gets them in their language.
 */
export async function latestInCommunity(communityId: number) {
  const [threads, resources, unanswered] = await Promise.all([
    Thread.findAll({ where: visibleThreads(communityId), order: [['lastPostAt', 'DESC']], limit: 8 }),
    Resource.findAll({ where: { communityId, deletedAt: null, hiddenAt: null, ...communityWide }, order: [['createdAt', 'DESC']], limit: 5 }),
    Thread.findAll({ where: { communityId, deletedAt: null, kind: { [Op.in]: CONVERSATIONS }, replyCount: 0 }, order: [['createdAt', 'DESC']], limit: 5 }),
  ]);
  const names = await namesOf([...threads.map((t) => t.lastPosterId), ...resources.map((r) => r.authorId)]);
  const recent = [
    ...threads.map((t) => ({ kind: t.kind as string, title: t.title, path: threadPath(t), who: names.get(t.lastPosterId ?? -1) ?? '', at: t.lastPostAt, replies: t.replyCount })),
    ...resources.map((r) => ({ kind: 'resource', title: r.title, path: `/c/${communityId}/resources/${r.id}`, who: names.get(r.authorId ?? -1) ?? '', at: r.createdAt, replies: 0 })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 8);
  return { recent, unanswered: unanswered.map((t) => ({ kind: t.kind as string, title: t.title, path: threadPath(t), at: t.createdAt })) };
}

export type Latest = Awaited<ReturnType<typeof latestInCommunity>>;

/**
 * The sharing part of the community home: recent activity (latest conversations, entries and
 * resources), threads still waiting for a first answer, and what is new since the member's last
 * visit (anchored on memberships.previous_visit_at, see communities/home noteVisit). Paths, not
 * URLs: the view builds links with url().
 */
export async function sharingHome(membership: Membership, lang: Lang, latest?: Latest | Promise<Latest>) {
  const communityId = membership.communityId;
  const since = visitAnchor(membership);
  const [l, sinceLastVisit] = await Promise.all([latest ?? latestInCommunity(communityId), since ? newSince(communityId, membership.userId, since) : null]);
  return {
    recent: l.recent.map((x) => ({ ...x, at: dateView(x.at, lang) })),
    unanswered: l.unanswered.map((u) => ({ ...u, at: dateView(u.at, lang) })),
    sinceLastVisit,
    paths: { discussions: listPath(communityId, 'discussion'), resources: listPath(communityId, 'resource'), journal: listPath(communityId, 'journal') },
  };
}

/**
 * "What is new" counts stop past SINCE_CAP (the page then says "more than 99"): each count reads at
 * most SINCE_CAP + 1 index entries, so the home costs the same in a community of 1,000 or
 * 100,000 posts, however long the member was away (bench/RESULTS.md).
 */
export const SINCE_CAP = 99;

/** Counts of what others added since `since` (capped: `more` says which ones were), and the followed threads with new posts. */
async function newSince(communityId: number, me: number, since: Date) {
  // One plain statement: the four counts (each reads at most SINCE_CAP + 1 index entries) on every row,
  // joined with the followed threads that moved (none: one row whose thread columns are null).
  const upTo = (select: string) => `(SELECT COUNT(*) FROM (${select} LIMIT ${SINCE_CAP + 1}) x)`;
  const rows = await Thread.sequelize!.query<{ threads: number | string; posts: number | string; resources: number | string; entries: number | string; id: number | null; community_id: number; kind: string; title: string }>(
    `SELECT n.threads, n.posts, n.resources, n.entries, f.id, f.community_id, f.kind, f.title
     FROM (SELECT ${upTo('SELECT t.id FROM threads t WHERE t.community_id = :c AND t.deleted_at IS NULL AND t.kind IN (:conversations) AND t.created_at > :since AND t.author_id <> :me')} AS threads,
         ${upTo('SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id AND t.deleted_at IS NULL AND t.kind IN (:conversations) WHERE p.community_id = :c AND p.created_at > :since AND p.author_id <> :me AND p.deleted_at IS NULL AND p.hidden_at IS NULL')} AS posts,
         ${upTo('SELECT r.id FROM resources r WHERE r.community_id = :c AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND (r.visibility IS NULL OR r.visibility = \'community\') AND r.created_at > :since AND r.author_id <> :me')} AS resources,
         ${upTo("SELECT t.id FROM threads t WHERE t.community_id = :c AND t.deleted_at IS NULL AND t.kind = 'journal' AND t.visibility = 'community' AND t.created_at > :since AND t.author_id <> :me")} AS entries) n
     LEFT JOIN (SELECT t.id, t.community_id, t.kind, t.title, t.last_post_at FROM threads t
       WHERE t.id IN (SELECT tf.thread_id FROM thread_follows tf WHERE tf.user_id = :me) AND t.community_id = :c AND t.deleted_at IS NULL
         AND t.last_post_at > :since AND t.last_poster_id <> :me
       ORDER BY t.last_post_at DESC LIMIT 5) f ON 1 = 1
     ORDER BY f.last_post_at DESC`,
    { type: QueryTypes.SELECT, replacements: { c: communityId, me, since, conversations: CONVERSATIONS } },
  );
  const counts = rows[0];
  const followed = rows.filter((t) => t.id !== null && t.id !== undefined);
  const [threads, posts, resources, entries] = [counts.threads, counts.posts, counts.resources, counts.entries].map(Number);
  const capped = (n: number) => Math.min(n, SINCE_CAP);
  const more = { threads: threads > SINCE_CAP, posts: posts > SINCE_CAP, resources: resources > SINCE_CAP, entries: entries > SINCE_CAP };
  // Posts include the opening posts of the new threads: only replies are counted (exactly, while under the cap).
  const replies = more.posts ? SINCE_CAP : Math.max(0, posts - threads);
  return { threads: capped(threads), posts: replies, resources: capped(resources), entries: capped(entries), more, followed: followed.map((t) => ({ title: t.title, path: threadPath({ id: Number(t.id), kind: t.kind, communityId: Number(t.community_id) }) })) };
}
