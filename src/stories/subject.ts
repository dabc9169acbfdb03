/**
 * The contribution a story is about — a post of any thread (discussion, knowledge building,
 * journal, problem lead, resource comment) or a resource — loaded for an actor with the same
 * visibility rules as its own pages (404 for another community's, a private journal entry, a
 * deleted one).
 */
import { Op } from 'sequelize';
import { Post, Thread } from '../discussions/model';
import { loadPost } from '../discussions/load';
import { threadPolicy } from '../discussions/policy';
import { Resource } from '../resources/model';
import { loadResource } from '../resources/presenters';
import { resourcePolicy } from '../resources/policy';
import type { Actor } from '../kernel/actor';
import type { StorySubjectState } from './policy';
import type { StorySubjectType } from './model';

export interface StorySubject {
  type: StorySubjectType;
  id: number;
  title: string;
  /** The contribution's own page (a post's permalink). */
  path: string;
  state: StorySubjectState;
}

const postPath = (cid: number, id: number) => `/c/${cid}/posts/${id}`;
const resourcePath = (cid: number, id: number) => `/c/${cid}/resources/${id}`;

/** The subject of a story route, or 404. */
export async function loadSubject(actor: Actor, type: StorySubjectType, id: number): Promise<StorySubject> {
  if (type === 'post') {
    const { post, thread } = await loadPost(actor, id);
    return { type, id, title: thread.title, path: postPath(actor.communityId, post.id), state: { shared: thread.visibility === 'community', removed: !!(post.deletedAt || post.hiddenAt) } };
  }
  const r = await loadResource(actor, id);
  return { type, id, title: r.title, path: resourcePath(actor.communityId, r.id), state: { shared: true, removed: !!(r.deletedAt || r.hiddenAt) } };
}

/** Titles and paths of many subjects at once (lists), only those the actor may still see. */
export async function describeSubjects(actor: Actor, refs: Array<{ subjectType: string; subjectId: number }>): Promise<Map<string, { title: string; path: string }>> {
  const ids = (t: string) => [...new Set(refs.filter((r) => r.subjectType === t).map((r) => r.subjectId))];
  const cid = actor.communityId;
  const [posts, resources] = await Promise.all([
    ids('post').length ? Post.findAll({ where: { id: ids('post'), communityId: cid, deletedAt: null }, attributes: ['id', 'threadId', 'hiddenAt'] }) : [],
    ids('resource').length ? Resource.findAll({ where: { id: ids('resource'), communityId: cid } }) : [],
  ]);
  const threads = posts.length ? await Thread.findAll({ where: { id: { [Op.in]: [...new Set(posts.map((p) => p.threadId))] }, communityId: cid, deletedAt: null } }) : [];
  const threadOf = new Map(threads.map((t) => [t.id, t]));
  const out = new Map<string, { title: string; path: string }>();
  for (const p of posts) {
    const t = threadOf.get(p.threadId);
    if (t && threadPolicy.view(actor, t) && (!p.hiddenAt || actor.role === 'facilitator')) out.set(`post:${p.id}`, { title: t.title, path: postPath(cid, p.id) });
  }
  for (const r of resources) if (resourcePolicy.view(actor, r)) out.set(`resource:${r.id}`, { title: r.title, path: resourcePath(cid, r.id) });
  return out;
}
