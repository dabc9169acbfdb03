import { Op, fn, col } from 'sequelize';
import { Post, PostLink, Reaction, ThreadFollow, type Thread } from '../model';
import { postCan, threadCan } from '../policy';
import { communityScaffolds, scaffoldLabel, type ScaffoldView } from '../scaffolds';
import { namesOf } from '../../content/people';
import { tagsFor } from '../../content/tags';
import { dateView } from '../../content/dates';
import { pager, type PageRequest } from '../../content/page';
import type { Actor } from '../../kernel/actor';
import { postCounts } from '../extensions';
import { threadLinks } from './links';

export type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Top-level posts per page of a thread (their replies come along). */
export const THREAD_PAGE_SIZE = 25;

/** The posts of one page: the opening post, a page of top-level posts and their replies (or a scaffold's posts, flat). */
async function pagePosts(thread: Thread, page: PageRequest, scaffold: string | null) {
  const opening = thread.firstPostId && page.page === 1 && !scaffold ? await Post.findByPk(thread.firstPostId) : null;
  const where = scaffold ? { threadId: thread.id, scaffold } : { threadId: thread.id, parentId: null, id: { [Op.ne]: thread.firstPostId ?? 0 } };
  const [top, total] = await Promise.all([Post.findAll({ where, order: [['id', 'ASC']], limit: page.size, offset: page.offset }), Post.count({ where })]);
  const children = top.length && !scaffold ? await Post.findAll({ where: { threadId: thread.id, parentId: { [Op.in]: top.map((p) => p.id) } }, order: [['id', 'ASC']] }) : [];
  return { opening, top, children, total };
}

/** Reaction counts and the actor's own reactions for many posts: two queries. */
async function reactionsOf(actor: Actor, ids: number[]) {
  if (ids.length === 0) return { counts: new Map<string, number>(), mine: new Set<string>() };
  const [rows, mine] = await Promise.all([
    Reaction.findAll({ where: { postId: { [Op.in]: ids } }, attributes: ['postId', 'kind', [fn('COUNT', col('id')), 'n']], group: ['postId', 'kind'], raw: true }) as unknown as Promise<
      Array<{ postId: number; kind: string; n: number }>
    >,
    Reaction.findAll({ where: { postId: { [Op.in]: ids }, userId: actor.userId }, attributes: ['postId', 'kind'] }),
  ]);
  return { counts: new Map(rows.map((r) => [`${r.postId}:${r.kind}`, Number(r.n)])), mine: new Set(mine.map((r) => `${r.postId}:${r.kind}`)) };
}

/** Plain data for a thread page (templates never get model instances). */
export async function presentThread(actor: Actor, thread: Thread, url: Url, page: PageRequest, scaffold: string | null) {
  const { opening, top, children, total } = await pagePosts(thread, page, scaffold);
  const all = [...(opening ? [opening] : []), ...top, ...children];
  const ids = all.map((p) => p.id);
  const [links, reactions, tags, following, scaffolds, stories] = await Promise.all([
    ids.length ? PostLink.findAll({ where: { [Op.or]: [{ postId: { [Op.in]: ids } }, { targetPostId: { [Op.in]: ids } }] } }) : Promise.resolve([]),
    reactionsOf(actor, ids),
    tagsFor('thread', [thread.id]),
    ThreadFollow.count({ where: { threadId: thread.id, userId: actor.userId } }),
    communityScaffolds(actor.communityId),
    postCounts('stories', ids),
  ]);
  const quotedIds = all.map((p) => p.quotedPostId).filter((id): id is number => id !== null && !ids.includes(id));
  const quotedRows = quotedIds.length ? await Post.findAll({ where: { id: { [Op.in]: quotedIds } }, attributes: ['id', 'authorId'] }) : [];
  const names = await namesOf([...all.map((p) => p.authorId), ...quotedRows.map((q) => q.authorId)]);
  const authorOf = new Map([...all, ...quotedRows].map((p) => [p.id, p.authorId]));
  const onPage = new Set(ids);
  const href = (id: number) => (onPage.has(id) ? `#post-${id}` : url(`/c/${actor.communityId}/posts/${id}`));
  const ctx = { actor, thread, url, names, reactions, links, scaffolds, href, authorOf, stories };
  const present = (p: Post) => presentPost(ctx, p);
  const posts = top.map((p) => ({ ...present(p), replies: children.filter((c) => c.parentId === p.id).map(present) }));
  return {
    thread: { id: thread.id, kind: thread.kind, title: thread.title, pinned: thread.pinned, locked: thread.locked, private: thread.visibility === 'private', replies: thread.replyCount },
    opening: opening ? present(opening) : null,
    posts,
    pager: pager(page, total),
    tags: (tags.get(thread.id) ?? []).map((t) => ({ ...t, href: url(thread.kind === 'knowledge' ? `/c/${actor.communityId}/knowledge` : `/c/${actor.communityId}/discussions`, { tag: t.slug }) })),
    following: following > 0,
    can: threadCan(actor, thread),
    scaffolds: scaffolds.map((s) => ({ key: s.key, label: scaffoldLabel(s, actor.lang), active: s.active })),
    scaffold: scaffold ? { key: scaffold, label: labelOf(scaffolds, scaffold, actor) } : null,
    links: threadLinks(actor, thread, url),
  };
}

type PresentCtx = {
  actor: Actor;
  thread: Thread;
  url: Url;
  names: Map<number, string>;
  reactions: Awaited<ReturnType<typeof reactionsOf>>;
  links: PostLink[];
  scaffolds: ScaffoldView[];
  href: (id: number) => string;
  authorOf: Map<number, number | null>;
  /** Value stories told on each post (absent: none counted). */
  stories?: Map<number, number>;
};

function labelOf(scaffolds: ScaffoldView[], key: string, actor: Actor): string {
  const s = scaffolds.find((x) => x.key === key);
  return s ? scaffoldLabel(s, actor.lang) : key;
}

/** A link to another post of the thread: its author when known (on this page), and its number. */
function linkView(ctx: PresentCtx, id: number) {
  return { id, href: ctx.href(id), author: ctx.names.get(ctx.authorOf.get(id) ?? -1) ?? '' };
}

/** One post as plain data: a hidden post's text only for facilitators, a deleted post's never. */
export function presentPost(ctx: PresentCtx, p: Post) {
  const { actor, thread, url, names, reactions } = ctx;
  const can = postCan(actor, thread, p);
  const hidden = !!p.hiddenAt;
  const cid = actor.communityId;
  const showText = !p.deletedAt && (!hidden || can.seeHidden);
  const count = (kind: string) => reactions.counts.get(`${p.id}:${kind}`) ?? 0;
  const mine = (kind: string) => reactions.mine.has(`${p.id}:${kind}`);
  return {
    id: p.id,
    anchor: `post-${p.id}`,
    kind: p.kind,
    opening: p.id === thread.firstPostId,
    author: names.get(p.authorId ?? -1) ?? '',
    avatar: avatarOf(names.get(p.authorId ?? -1) ?? '', p.authorId),
    own: p.authorId === actor.userId,
    /** Set by the page from the member's reading position (reads.ts markUnread). */
    unread: false,
    created: dateView(p.createdAt, actor.lang),
    edited: dateView(p.editedAt, actor.lang),
    deleted: !!p.deletedAt,
    hidden,
    hiddenReason: hidden && can.seeHidden ? p.hiddenReason : null,
    html: showText ? p.bodyHtml : null,
    scaffold: p.scaffold ? { key: p.scaffold, label: labelOf(ctx.scaffolds, p.scaffold, actor) } : null,
    quoted: p.quotedPostId ? { href: ctx.href(p.quotedPostId), author: names.get(ctx.authorOf.get(p.quotedPostId) ?? -1) ?? '' } : null,
    synthesizes: ctx.links.filter((l) => l.postId === p.id).map((l) => linkView(ctx, l.targetPostId)),
    synthesizedIn: ctx.links.filter((l) => l.targetPostId === p.id).map((l) => linkView(ctx, l.postId)),
    reactions: {
      useful: { count: count('useful'), mine: mine('useful') },
      tried: { count: count('tried'), mine: mine('tried') },
    },
    storyCount: ctx.stories?.get(p.id) ?? 0,
    can,
    links: {
      permalink: url(`/c/${cid}/posts/${p.id}`),
      reply: url(`/c/${cid}/threads/${thread.id}/reply`, { to: p.id }),
      quote: url(`/c/${cid}/threads/${thread.id}/reply`, { to: p.id, quote: 1 }),
      edit: url(`/c/${cid}/posts/${p.id}/edit`),
      moderate: url(`/c/${cid}/posts/${p.id}/moderate`),
      delete: url(`/c/${cid}/posts/${p.id}/delete`),
      stories: url(`/c/${cid}/posts/${p.id}/stories`),
      flag: url(`/c/${cid}/posts/${p.id}/flag`),
    },
    /** Form actions are plain paths: forms carry the session in a hidden field. */
    actions: { react: `/c/${cid}/posts/${p.id}/reactions` },
  };
}

export type PostView = ReturnType<typeof presentPost>;

/** Initials on one of eight colours with AA contrast for white text, the same for a person everywhere. */
export function avatarOf(name: string, authorId: number | null): { initials: string; tone: number } {
  const words = name.replace(/[^\p{L}\p{N}\s-]/gu, '').split(/[\s-]+/).filter(Boolean);
  const initials = (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '?').slice(0, 2)).toLocaleUpperCase('fr');
  return { initials, tone: (authorId ?? 0) % 8 };
}
