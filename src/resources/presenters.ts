import { Op, fn, col, literal, type WhereOptions } from 'sequelize';
import { Resource, ResourceEndorsement } from './model';
import { Post, Reaction, Thread, PostLink } from '../discussions/model';
import { presentPost } from '../discussions/presenters/thread';
import { resourceCan, resourcePolicy } from './policy';
import { visibleResourcesWhere, withViewers } from './visibility';
import { facilitates } from '../discussions/policy';
import { namesOf } from '../content/people';
import { tagsFor } from '../content/tags';
import { dateView } from '../content/dates';
import { pager, type PageRequest } from '../content/page';
import { notFound } from '../kernel/errors';
import { postCounts } from '../discussions/extensions';
import { resourceCounts } from './extensions';
import type { Actor } from '../kernel/actor';
import type { ResourceSort } from './schemas';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** A resource of the actor's community that the actor may see, or 404 (another community's, deleted, or hidden from members). */
export async function loadResource(actor: Actor, id: number): Promise<Resource> {
  const r = await Resource.findOne({ where: { id, communityId: actor.communityId } });
  if (r) await withViewers(r);
  if (!r || !resourcePolicy.view(actor, r)) throw notFound();
  return r;
}

/** Plain data for a resource page: the resource, its adaptations, and a page of comments. */
export async function presentResource(actor: Actor, r: Resource, url: Url, page: PageRequest) {
  const cid = actor.communityId;
  const thread = r.threadId ? await Thread.findByPk(r.threadId) : null;
  const where = { threadId: r.threadId ?? 0 };
  const [comments, total, tags, mine, adaptations] = await Promise.all([
    Post.findAll({ where, order: [['id', 'ASC']], limit: page.size, offset: page.offset }),
    Post.count({ where }),
    tagsFor('resource', [r.id]),
    ResourceEndorsement.count({ where: { resourceId: r.id, userId: actor.userId } }),
    Thread.findAll({
      where: { communityId: cid, kind: 'journal', sourceType: 'resource', sourceId: r.id, [Op.or]: [{ visibility: 'community' }, { authorId: actor.userId }] },
      order: [['createdAt', 'DESC']],
      limit: 20,
    }),
  ]);
  const ids = comments.map((c) => c.id);
  const [reactionRows, myReactions] = ids.length
    ? await Promise.all([
        Reaction.findAll({ where: { postId: { [Op.in]: ids } }, attributes: ['postId', 'kind', [fn('COUNT', col('id')), 'n']], group: ['postId', 'kind'], raw: true }) as unknown as Promise<Array<{ postId: number; kind: string; n: number }>>,
        Reaction.findAll({ where: { postId: { [Op.in]: ids }, userId: actor.userId }, attributes: ['postId', 'kind'] }),
      ])
    : [[], []];
  const [names, postStories, resourceStories] = await Promise.all([
    namesOf([r.authorId, ...comments.map((c) => c.authorId), ...adaptations.map((a) => a.authorId)]),
    postCounts('stories', ids),
    resourceCounts('stories', [r.id]),
  ]);
  const reactions = { counts: new Map(reactionRows.map((x) => [`${x.postId}:${x.kind}`, Number(x.n)])), mine: new Set(myReactions.map((x) => `${x.postId}:${x.kind}`)) };
  const ctx = { actor, thread: thread!, url, names, reactions, links: [] as PostLink[], scaffolds: [], href: (id: number) => `#post-${id}`, authorOf: new Map(comments.map((c) => [c.id, c.authorId])), stories: postStories };
  return {
    resource: {
      id: r.id,
      title: r.title,
      kind: r.kind,
      url: r.url,
      html: r.descriptionHtml,
      audience: r.audience,
      author: names.get(r.authorId ?? -1) ?? '',
      created: dateView(r.createdAt, actor.lang),
      endorsements: r.endorsementCount,
      endorsedByMe: mine > 0,
      storyCount: resourceStories.get(r.id) ?? 0,
      file: r.kind === 'file' ? { name: r.fileName, size: humanSize(r.fileSize, actor.lang), href: url(`/c/${cid}/resources/${r.id}/download`) } : null,
      hidden: !!r.hiddenAt,
      hiddenReason: r.hiddenAt ? r.hiddenReason : null,
      tags: (tags.get(r.id) ?? []).map((t) => ({ ...t, href: url(`/c/${cid}/resources`, { tag: t.slug }) })),
    },
    can: resourceCan(actor, r),
    comments: thread ? comments.map((c) => presentPost(ctx, c)) : [],
    pager: pager(page, total),
    adaptations: adaptations.map((a) => ({ title: a.title, author: names.get(a.authorId ?? -1) ?? '', href: url(`/c/${cid}/journal/${a.id}`), private: a.visibility === 'private' })),
    links: {
      edit: url(`/c/${cid}/resources/${r.id}/edit`),
      delete: url(`/c/${cid}/resources/${r.id}/delete`),
      adapt: url(`/c/${cid}/journal/new`, { source: `resource:${r.id}` }),
      stories: url(`/c/${cid}/resources/${r.id}/stories`),
      list: url(`/c/${cid}/resources`),
      self: url(`/c/${cid}/resources/${r.id}`),
      endorse: url(`/c/${cid}/resources/${r.id}/endorse`),
      comments: url(`/c/${cid}/resources/${r.id}/comments`),
      hide: url(`/c/${cid}/resources/${r.id}/hide`),
      restore: url(`/c/${cid}/resources/${r.id}/restore`),
    },
  };
}

/** The share and edit forms' addresses (`resourceId` null: the share form), and the delete page's. */
export function resourceFormLinks(communityId: number, resourceId: number | null, url: Url) {
  const list = `/c/${communityId}/resources`;
  return {
    kinds: { link: url(`${list}/new`, { kind: 'link' }), video: url(`${list}/new`, { kind: 'video' }), file: url(`${list}/new`, { kind: 'file' }) } as Record<string, string>,
    action: url(resourceId ? `${list}/${resourceId}/edit` : list),
    cancel: url(resourceId ? `${list}/${resourceId}` : list),
    delete: url(`${list}/${resourceId}/delete`),
  };
}

/**
 * One page of the library, newest or most endorsed first (indexes resources_newest_ix and
 * resources_endorsed_ix); hidden resources only for facilitators; restricted ones only for who may see them.
 */
export async function listResources(actor: Actor, filter: { tagId: number | null; sort: ResourceSort }, page: PageRequest) {
  const and: WhereOptions[] = [{ communityId: actor.communityId, deletedAt: null }];
  if (!facilitates(actor)) and.push({ hiddenAt: null });
  and.push(visibleResourcesWhere(actor));
  if (filter.tagId) and.push({ id: { [Op.in]: literal(`(SELECT subject_id FROM taggings WHERE subject_type = 'resource' AND tag_id = ${Number(filter.tagId)})`) } });
  const where = { [Op.and]: and };
  const order: Array<[string, string]> = filter.sort === 'endorsed' ? [['endorsementCount', 'DESC'], ['createdAt', 'DESC'], ['id', 'DESC']] : [['createdAt', 'DESC'], ['id', 'DESC']];
  const [rows, total] = await Promise.all([Resource.findAll({ where, order, limit: page.size, offset: page.offset }), Resource.count({ where })]);
  return { rows, total };
}

/** Plain rows for the library: authors, tags, comment counts and my endorsements in one query each. */
export async function presentResourceList(actor: Actor, rows: Resource[], url: Url) {
  const ids = rows.map((r) => r.id);
  const threadIds = rows.map((r) => r.threadId).filter((id): id is number => id !== null);
  const [names, tags, threads, mine] = await Promise.all([
    namesOf(rows.map((r) => r.authorId)),
    tagsFor('resource', ids),
    threadIds.length ? Thread.findAll({ where: { id: { [Op.in]: threadIds } }, attributes: ['id', 'replyCount'] }) : Promise.resolve([]),
    ids.length ? ResourceEndorsement.findAll({ where: { userId: actor.userId, resourceId: { [Op.in]: ids } }, attributes: ['resourceId'] }) : Promise.resolve([]),
  ]);
  const comments = new Map(threads.map((t) => [t.id, t.replyCount]));
  const endorsed = new Set(mine.map((e) => e.resourceId));
  return rows.map((r) => ({
    id: r.id,
    href: url(`/c/${actor.communityId}/resources/${r.id}`),
    title: r.title,
    kind: r.kind,
    author: names.get(r.authorId ?? -1) ?? '',
    created: dateView(r.createdAt, actor.lang),
    audience: r.audience,
    endorsements: r.endorsementCount,
    endorsedByMe: endorsed.has(r.id),
    comments: comments.get(r.threadId ?? -1) ?? 0,
    hidden: !!r.hiddenAt,
    fileName: r.fileName,
    tags: (tags.get(r.id) ?? []).map((t) => ({ ...t, href: url(`/c/${actor.communityId}/resources`, { tag: t.slug }) })),
  }));
}

/** "12.3 MB", "850 KB": a file size for people. */
export function humanSize(bytes: number | null, lang: 'fr' | 'en'): string {
  if (bytes === null) return '';
  const fmt = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${fmt(bytes / 1024 / 1024)} ${lang === 'fr' ? 'Mo' : 'MB'}`;
  return `${fmt(Math.max(1, Math.round(bytes / 1024)))} ${lang === 'fr' ? 'Ko' : 'KB'}`;
}

/** The library's addresses: share (a resource, a video clip), each sort (keeping the tag), the tag cleared (keeping the sort). */
export function resourceListLinks(communityId: number, filter: { sort: string; tag: string | undefined }, url: Url) {
  const list = `/c/${communityId}/resources`;
  return {
    new: url(`${list}/new`),
    newVideo: url(`/c/${communityId}/videos/new`),
    sorts: { newest: url(list, { sort: 'newest', tag: filter.tag }), endorsed: url(list, { sort: 'endorsed', tag: filter.tag }) } as Record<string, string>,
    clearTag: url(list, { sort: filter.sort }),
    pagerBase: { path: list, query: { tag: filter.tag, sort: filter.sort } },
  };
}
