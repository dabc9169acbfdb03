import { Op } from 'sequelize';
import { Thread } from '../discussions/model';
import { Resource } from '../resources/model';
import { snippetHtml } from './snippet';
import { dateView } from '../content/dates';
import type { Actor } from '../kernel/actor';
import type { SearchRow } from './search';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Search hits as plain data: where each one is, its title, and the matched passage (safe HTML with <mark>). */
export async function presentHits(actor: Actor, rows: SearchRow[], terms: string[], url: Url) {
  const threadIds = [...new Set(rows.map((r) => r.thread_id).filter((id): id is number => id !== null))];
  const resourceIds = [...new Set(rows.map((r) => r.resource_id).filter((id): id is number => id !== null))];
  const [threads, resources] = await Promise.all([
    threadIds.length ? Thread.findAll({ where: { id: { [Op.in]: threadIds }, communityId: actor.communityId }, attributes: ['id', 'title', 'kind', 'firstPostId'] }) : Promise.resolve([]),
    resourceIds.length ? Resource.findAll({ where: { id: { [Op.in]: resourceIds }, communityId: actor.communityId }, attributes: ['id', 'title'] }) : Promise.resolve([]),
  ]);
  const threadOf = new Map(threads.map((t) => [t.id, t]));
  const resourceOf = new Map(resources.map((r) => [r.id, r]));
  const cid = actor.communityId;
  return rows.map((row) => {
    const thread = row.thread_id ? threadOf.get(row.thread_id) : undefined;
    const resource = row.resource_id ? resourceOf.get(row.resource_id) : undefined;
    const anchor = row.post_id ? `#post-${row.post_id}` : '';
    let href: string;
    let title: string;
    if (row.kind === 'resource') {
      href = url(`/c/${cid}/resources/${row.resource_id}`) + anchor;
      title = resource?.title ?? row.title;
    } else if (row.kind === 'problem') {
      href = url(`/c/${cid}/problems/${row.thread_id}`) + anchor;
      title = thread?.title ?? row.title;
    } else if (row.kind === 'journal') {
      href = url(`/c/${cid}/journal/${row.thread_id}`) + anchor;
      title = thread?.title ?? row.title;
    } else {
      href = url(`/c/${cid}/posts/${row.post_id}`);
      title = thread?.title ?? row.title;
    }
    const isItem = row.post_id === null || (thread !== undefined && thread.firstPostId === row.post_id);
    return {
      kind: row.kind,
      href,
      title,
      isReply: !isItem,
      snippet: snippetHtml(row.body || row.title, terms),
      created: dateView(new Date(row.created_at), actor.lang),
    };
  });
}

/** Where the search page's forms and links go (the tag filter cleared keeps the query and the kind). */
export function searchLinks(actor: Actor, url: Url, query: { q: string; kind: string | null }) {
  const search = `/c/${actor.communityId}/search`;
  return {
    search: url(search),
    clearTag: url(search, { q: query.q, kind: query.kind || undefined }),
    tag: (slug: string) => url(search, { tag: slug }),
    pair: url(`/c/${actor.communityId}/tags/pairs`),
    unpair: url(`/c/${actor.communityId}/tags/pairs/remove`),
  };
}
