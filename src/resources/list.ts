import { Op, literal, type WhereOptions } from 'sequelize';
import { Resource, ResourceEndorsement } from './model';
import { Thread } from '../discussions/model';
import { facilitates } from '../discussions/policy';
import { visibleResourcesWhere } from './visibility';
import { namesOf } from '../content/people';
import { tagsFor } from '../content/tags';
import { dateView } from '../content/dates';
import type { PageRequest } from '../content/page';
import type { Actor } from '../kernel/actor';
import type { ResourceSort } from './schemas';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

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
