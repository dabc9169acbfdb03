import { Op } from 'sequelize';
import { ThreadFollow, type Thread } from '../model';
import { unreadCounts } from '../reads';
import { namesOf } from '../../content/people';
import { tagsFor } from '../../content/tags';
import { dateView } from '../../content/dates';
import type { Actor } from '../../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/**
 * Plain rows for a thread list: authors, last posters and tags in one query each, whatever the
 * page size; "new" marks threads with posts since the member's previous visit.
 */
export async function presentThreadList(actor: Actor, threads: Thread[], url: Url, since: Date | null) {
  const ids = threads.map((t) => t.id);
  const [names, tags, follows, unread] = await Promise.all([
    namesOf(threads.flatMap((t) => [t.authorId, t.lastPosterId])),
    tagsFor('thread', ids),
    ids.length ? ThreadFollow.findAll({ where: { userId: actor.userId, threadId: { [Op.in]: ids } }, attributes: ['threadId'] }) : Promise.resolve([]),
    unreadCounts(actor.userId, ids.filter((id, i) => threads[i].kind !== 'journal' && threads[i].kind !== 'resource')),
  ]);
  const followed = new Set(follows.map((f) => f.threadId));
  return threads.map((t) => ({
    id: t.id,
    kind: t.kind,
    href: url(t.kind === 'journal' ? `/c/${actor.communityId}/journal/${t.id}` : `/c/${actor.communityId}/threads/${t.id}`),
    title: t.title,
    author: names.get(t.authorId ?? -1) ?? '',
    created: dateView(t.createdAt, actor.lang),
    lastPost: dateView(t.lastPostAt, actor.lang),
    lastPoster: names.get(t.lastPosterId ?? -1) ?? '',
    replies: t.replyCount,
    pinned: t.pinned,
    locked: t.locked,
    private: t.visibility === 'private',
    adaptation: t.sourceType !== null,
    followed: followed.has(t.id),
    isNew: !!since && t.lastPostAt > since && t.lastPosterId !== actor.userId,
    // Posts since the member last read this thread, and where to pick up ("continue where you left off").
    unread: unread.get(t.id)?.opened ? unread.get(t.id)!.count : 0,
    unreadHref: url(`/c/${actor.communityId}/threads/${t.id}/unread`),
    tags: (tags.get(t.id) ?? []).map((tag) => ({ ...tag, href: url(listPath(actor.communityId, t.kind), { tag: tag.slug }) })),
  }));
}

/** The list a thread kind lives in. */
export function listPath(communityId: number, kind: Thread['kind']): string {
  if (kind === 'knowledge') return `/c/${communityId}/knowledge`;
  if (kind === 'journal') return `/c/${communityId}/journal`;
  if (kind === 'resource') return `/c/${communityId}/resources`;
  if (kind === 'problem') return `/c/${communityId}/problems`;
  return `/c/${communityId}/discussions`;
}

/** Where "new since your last visit" starts: the visit before this one (see communities/home noteVisit). */
export function visitAnchor(m: { lastVisitAt: Date | null; previousVisitAt: Date | null }, now = new Date()): Date | null {
  const last = m.lastVisitAt;
  if (last && now.getTime() - last.getTime() >= 30 * 60_000) return last;
  return m.previousVisitAt;
}
