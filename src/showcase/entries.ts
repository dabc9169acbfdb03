/**
 * The contributions a showcase can hold, read from their own tables: a resource, a rise-above note
 * (synthesis), a solved problem, a value story. Only what is still in place comes back — not
 * deleted, not hidden by facilitators, not in a private journal entry, a problem still solved —
 * so an item whose contribution went away drops out of the public site by itself.
 */
import { Op } from 'sequelize';
import { Post, Thread } from '../discussions/model';
import { Resource } from '../resources/model';
import { communityWide } from '../resources/visibility';
import { Problem } from '../problems/model';
import { ValueStory, type StoryCycle } from '../stories/model';
import type { ShowcaseType } from './model';

export interface ShowcaseEntry {
  type: ShowcaseType;
  id: number;
  /** The title (empty for a story: the view names its cycle). */
  title: string;
  /** Sanitized HTML (rendered and sanitized when written). */
  html: string;
  /** A solved problem's accepted solution or resolution. */
  solutionHtml: string | null;
  /** A link resource's address. */
  link: string | null;
  authorId: number;
  date: Date;
  cycle: StoryCycle | null;
  evidence: string | null;
}

export type Ref = { type: ShowcaseType; id: number };
export const refKey = (r: { type: string; id: number }) => `${r.type}:${r.id}`;

const base = { solutionHtml: null, link: null, cycle: null, evidence: null };

/** The entries of these refs that are still showable, by refKey. */
export async function loadEntries(communityId: number, refs: Ref[]): Promise<Map<string, ShowcaseEntry>> {
  const ids = (t: ShowcaseType) => [...new Set(refs.filter((r) => r.type === t).map((r) => r.id))];
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [resources, notes, problems, stories] = await Promise.all([
    ids('resource').length ? Resource.findAll({ where: { id: ids('resource'), communityId, deletedAt: null, hiddenAt: null, ...communityWide } }) : none<Resource>(),
    ids('rise_above').length ? Post.findAll({ where: { id: ids('rise_above'), communityId, kind: 'rise_above', deletedAt: null, hiddenAt: null } }) : none<Post>(),
    ids('problem').length ? Problem.findAll({ where: { id: ids('problem'), communityId, status: 'solved' } }) : none<Problem>(),
    ids('story').length ? ValueStory.findAll({ where: { id: ids('story'), communityId, deletedAt: null } }) : none<ValueStory>(),
  ]);
  const threadIds = [...notes.map((n) => n.threadId), ...problems.map((p) => p.threadId)];
  const threads = threadIds.length ? await Thread.findAll({ where: { id: { [Op.in]: threadIds }, communityId, deletedAt: null, visibility: 'community' } }) : [];
  const threadOf = new Map(threads.map((t) => [t.id, t]));
  const postIds = problems.flatMap((p) => [threadOf.get(p.threadId)?.firstPostId, p.acceptedPostId]).filter((x): x is number => typeof x === 'number');
  const posts = postIds.length ? await Post.findAll({ where: { id: postIds, communityId, deletedAt: null, hiddenAt: null } }) : [];
  const postOf = new Map(posts.map((p) => [p.id, p]));
  const out = new Map<string, ShowcaseEntry>();
  for (const r of resources) {
    if (r.authorId !== null) out.set(refKey({ type: 'resource', id: r.id }), { ...base, type: 'resource', id: r.id, title: r.title, html: r.descriptionHtml, link: r.kind === 'link' ? r.url : null, authorId: r.authorId, date: r.createdAt });
  }
  for (const n of notes) {
    const t = threadOf.get(n.threadId);
    if (t && n.authorId !== null) out.set(refKey({ type: 'rise_above', id: n.id }), { ...base, type: 'rise_above', id: n.id, title: t.title, html: n.bodyHtml, authorId: n.authorId, date: n.createdAt });
  }
  for (const p of problems) {
    const t = threadOf.get(p.threadId);
    const opening = t?.firstPostId ? postOf.get(t.firstPostId) : undefined;
    if (!t || t.authorId === null) continue;
    const solution = p.acceptedPostId ? postOf.get(p.acceptedPostId)?.bodyHtml ?? null : null;
    out.set(refKey({ type: 'problem', id: p.id }), { ...base, type: 'problem', id: p.id, title: t.title, html: opening?.bodyHtml ?? '', solutionHtml: solution ?? p.resolutionHtml, authorId: t.authorId, date: p.solvedAt ?? p.updatedAt });
  }
  for (const s of stories) out.set(refKey({ type: 'story', id: s.id }), { ...base, type: 'story', id: s.id, title: '', html: s.bodyHtml, authorId: s.authorId, date: s.createdAt, cycle: s.cycle, evidence: s.evidence });
  return out;
}

/** Recent contributions of each kind a facilitator may propose (those already proposed are left out by the caller). */
export async function candidateRefs(communityId: number, limit = 20): Promise<Ref[]> {
  const order: [string, string][] = [['id', 'DESC']];
  const [resources, notes, problems, stories] = await Promise.all([
    Resource.findAll({ attributes: ['id'], where: { communityId, deletedAt: null, hiddenAt: null, ...communityWide }, order, limit }),
    Post.findAll({ attributes: ['id'], where: { communityId, kind: 'rise_above', deletedAt: null, hiddenAt: null }, order, limit }),
    Problem.findAll({ attributes: ['id'], where: { communityId, status: 'solved' }, order, limit }),
    ValueStory.findAll({ attributes: ['id'], where: { communityId, deletedAt: null }, order, limit }),
  ]);
  return [
    ...resources.map((r) => ({ type: 'resource' as const, id: r.id })),
    ...notes.map((r) => ({ type: 'rise_above' as const, id: r.id })),
    ...problems.map((r) => ({ type: 'problem' as const, id: r.id })),
    ...stories.map((r) => ({ type: 'story' as const, id: r.id })),
  ];
}
