import { Op, fn, col } from 'sequelize';
import { Post, Reaction, Thread, type PostLink } from '../discussions/model';
import { storyCounts } from '../stories/model';
import { presentPost } from '../discussions/presenters/thread';
import { journalCan } from './policy';
import { adaptationSource } from './service';
import { namesOf } from '../content/people';
import { tagsFor } from '../content/tags';
import { dateView } from '../content/dates';
import { excerpt } from '../content/markdown';
import { htmlToText } from '../content/sanitize';
import { pager, type PageRequest } from '../content/page';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Journal list rows: authors, tags and the entries' opening text in one query each. */
export async function presentEntries(actor: Actor, threads: Thread[], url: Url) {
  const firstIds = threads.map((t) => t.firstPostId).filter((id): id is number => id !== null);
  const [names, tags, openings] = await Promise.all([
    namesOf(threads.map((t) => t.authorId)),
    tagsFor('thread', threads.map((t) => t.id)),
    firstIds.length ? Post.findAll({ where: { id: { [Op.in]: firstIds } }, attributes: ['id', 'bodyHtml'] }) : Promise.resolve([]),
  ]);
  const text = new Map(openings.map((p) => [p.id, excerpt(htmlToText(p.bodyHtml), 240)]));
  return threads.map((t) => ({
    id: t.id,
    href: url(`/c/${actor.communityId}/journal/${t.id}`),
    title: t.title,
    author: names.get(t.authorId ?? -1) ?? '',
    created: dateView(t.createdAt, actor.lang),
    excerpt: text.get(t.firstPostId ?? -1) ?? '',
    private: t.visibility === 'private',
    adaptation: t.sourceType !== null,
    comments: t.replyCount,
    tags: (tags.get(t.id) ?? []).map((tag) => ({ ...tag, href: url(`/c/${actor.communityId}/journal`, { tag: tag.slug }) })),
  }));
}

/** A journal entry with its source (adaptation notes) and a page of comments. */
export async function presentEntry(actor: Actor, thread: Thread, url: Url, page: PageRequest) {
  const cid = actor.communityId;
  const where = { threadId: thread.id, id: { [Op.ne]: thread.firstPostId ?? 0 } };
  const [opening, comments, total, tags, source] = await Promise.all([
    Post.findByPk(thread.firstPostId ?? 0),
    Post.findAll({ where, order: [['id', 'ASC']], limit: page.size, offset: page.offset }),
    Post.count({ where }),
    tagsFor('thread', [thread.id]),
    adaptationSource(actor, thread.sourceType ? { type: thread.sourceType, id: thread.sourceId! } : null),
  ]);
  const all = [...(opening ? [opening] : []), ...comments];
  const ids = all.map((p) => p.id);
  const [counts, mine, stories] = await Promise.all([
    Reaction.findAll({ where: { postId: { [Op.in]: ids } }, attributes: ['postId', 'kind', [fn('COUNT', col('id')), 'n']], group: ['postId', 'kind'], raw: true }) as unknown as Promise<Array<{ postId: number; kind: string; n: number }>>,
    Reaction.findAll({ where: { postId: { [Op.in]: ids }, userId: actor.userId }, attributes: ['postId', 'kind'] }),
    storyCounts('post', ids),
  ]);
  const names = await namesOf([thread.authorId, ...all.map((p) => p.authorId)]);
  // An adaptation note is the first step of a value story, told on the contribution it adapts.
  const sourceOpening = source?.type === 'thread' ? (await Thread.findByPk(source.id, { attributes: ['firstPostId'] }))?.firstPostId ?? null : null;
  const storiesPath = source ? (source.type === 'resource' ? `/c/${cid}/resources/${source.id}/stories` : sourceOpening ? `/c/${cid}/posts/${sourceOpening}/stories` : null) : null;
  const reactions = { counts: new Map(counts.map((x) => [`${x.postId}:${x.kind}`, Number(x.n)])), mine: new Set(mine.map((x) => `${x.postId}:${x.kind}`)) };
  const ctx = { actor, thread, url, names, reactions, links: [] as PostLink[], scaffolds: [], href: (id: number) => `#post-${id}`, authorOf: new Map(all.map((p) => [p.id, p.authorId])), stories };
  return {
    entry: {
      id: thread.id,
      title: thread.title,
      author: names.get(thread.authorId ?? -1) ?? '',
      created: dateView(thread.createdAt, actor.lang),
      private: thread.visibility === 'private',
      opening: opening ? presentPost(ctx, opening) : null,
      source: source ? { ...source, href: url(source.type === 'thread' ? `/c/${cid}/threads/${source.id}` : `/c/${cid}/resources/${source.id}`) } : null,
      sourceGone: thread.sourceType !== null && !source,
      tellStory: storiesPath && thread.authorId === actor.userId ? url(storiesPath) : null,
      tags: (tags.get(thread.id) ?? []).map((t) => ({ ...t, href: url(`/c/${cid}/journal`, { tag: t.slug }) })),
    },
    comments: comments.map((c) => presentPost(ctx, c)),
    pager: pager(page, total),
    can: journalCan(actor, thread),
    links: { edit: url(`/c/${cid}/journal/${thread.id}/edit`), delete: url(`/c/${cid}/journal/${thread.id}/delete`), list: url(`/c/${cid}/journal`) },
  };
}
