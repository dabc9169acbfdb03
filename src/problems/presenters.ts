import { Op, literal, type WhereOptions } from 'sequelize';
import { Thread } from '../discussions/model';
import { Membership } from '../kernel/community';
import { presentThread, THREAD_PAGE_SIZE } from '../discussions/presenters/thread';
import { namesOf } from '../content/people';
import { tagsFor } from '../content/tags';
import { dateView } from '../content/dates';
import { pageRequest, pager } from '../content/page';
import { HelpfulLead, Problem, ProblemAddressee } from './model';
import { problemCan, problemPolicy } from './policy';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

export const LIST_PAGE_SIZE = 20;

/** The problem page: the request, its leads (with helpful/accepted marks and the author's actions), the outcome. */
export async function presentProblem(actor: Actor, problem: Problem, thread: Thread, url: Url, rawPage: unknown) {
  const view = await presentThread(actor, thread, url, pageRequest(rawPage, THREAD_PAGE_SIZE), null);
  const [helpful, addressees] = await Promise.all([
    HelpfulLead.findAll({ where: { problemId: problem.id }, attributes: ['postId'] }),
    ProblemAddressee.findAll({ where: { problemId: problem.id }, attributes: ['membershipId'] }),
  ]);
  const helpfulIds = new Set(helpful.map((h) => h.postId));
  const cid = actor.communityId;
  const leads = view.posts.map((p) => {
    // The post view says whether the actor wrote it (`own`): all the lead policy needs of its author.
    const lead = { authorId: p.own ? actor.userId : null, deletedAt: p.deleted ? new Date() : null, hiddenAt: p.hidden ? new Date() : null };
    return {
      ...p,
      helpful: helpfulIds.has(p.id),
      accepted: problem.acceptedPostId === p.id,
      leadCan: { markHelpful: problemPolicy.markHelpful(actor, problem, lead), accept: problemPolicy.accept(actor, problem, lead) },
      leadActions: { helpful: url(`/c/${cid}/problems/${thread.id}/leads/${p.id}/helpful`), accept: url(`/c/${cid}/problems/${thread.id}/leads/${p.id}/accept`) },
    };
  });
  const names = await memberNames(actor.communityId, addressees.map((a) => a.membershipId));
  // The accepted solution shows right under the request (as Discourse's Solved does); when it is on
  // another page of leads, a link to it stands in.
  const acceptedLead = leads.find((l) => l.accepted) ?? null;
  return {
    ...view,
    accepted: problem.acceptedPostId ? { lead: acceptedLead, href: url(`/c/${cid}/posts/${problem.acceptedPostId}`) } : null,
    tags: view.tags.map((t) => ({ ...t, href: url(`/c/${cid}/problems`, { tag: t.slug }) })),
    leads,
    problem: {
      id: problem.id,
      threadId: thread.id,
      status: problem.status,
      audience: problem.audience,
      triedHtml: problem.triedHtml,
      neededHtml: problem.neededHtml,
      resolutionHtml: problem.resolutionHtml,
      resolutionMd: problem.resolutionMd ?? '',
      addressees: addressees.map((a) => ({ name: names.get(a.membershipId) ?? '', href: url(`/c/${cid}/people/${a.membershipId}`) })),
      addressedToMe: addressees.some((a) => a.membershipId === actor.membershipId),
    },
    problemCan: problemCan(actor, problem),
    helpHref: url(`/c/${cid}/people`, { help: view.tags[0]?.label }),
    links: problemLinks(cid, thread.id, url),
  };
}

/** The addresses of a problem's page: the list, its permanent address, its pager and its forms. */
function problemLinks(communityId: number, threadId: number, url: Url) {
  const path = `/c/${communityId}/problems/${threadId}`;
  return { list: url(`/c/${communityId}/problems`), permalink: url(path), pagerBase: { path, query: {} }, status: url(`${path}/status`), leads: url(`${path}/leads`), resolve: url(`${path}/resolve`) };
}

/** The list page's addresses: each status filter (keeping the tag), the tag cleared (keeping the status), a new request, the pager. */
export function problemListLinks(communityId: number, filter: { status: string; tag: string | undefined }, url: Url) {
  const list = `/c/${communityId}/problems`;
  const statuses = ['', 'unanswered', 'in_progress', 'solved', 'to_me', 'mine', 'archived'];
  return {
    new: url(`${list}/new`),
    statuses: statuses.map((s) => ({ status: s, href: url(list, { status: s || undefined, tag: filter.tag }) })),
    clearTag: url(list, { status: filter.status || undefined }),
    pagerBase: { path: list, query: { status: filter.status || undefined, tag: filter.tag } },
  };
}

/** The new-request form's addresses. */
export function newProblemLinks(communityId: number, url: Url) {
  return { create: url(`/c/${communityId}/problems`), cancel: url(`/c/${communityId}/problems`) };
}

/** Display names of memberships of one community. */
async function memberNames(communityId: number, membershipIds: number[]): Promise<Map<number, string>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await Membership.findAll({ where: { communityId, id: { [Op.in]: membershipIds } }, attributes: ['id', 'userId'] });
  const names = await namesOf(rows.map((m) => m.userId));
  return new Map(rows.map((m) => [m.id, names.get(m.userId) ?? '']));
}

export interface ProblemListFilter {
  status?: 'open' | 'in_progress' | 'solved' | 'archived' | 'unanswered' | 'mine' | 'to_me';
  tagId?: number | null;
}

/** One page of a community's problems, newest first; archived ones only when asked for. */
export async function listProblems(actor: Actor, filter: ProblemListFilter, page: number, url: Url) {
  const and: WhereOptions[] = [{ communityId: actor.communityId }];
  const s = filter.status;
  if (s === 'open' || s === 'in_progress' || s === 'solved' || s === 'archived') and.push({ status: s });
  else and.push({ status: { [Op.ne]: 'archived' } });
  if (s === 'unanswered') and.push({ status: 'open' });
  if (s === 'mine') and.push({ authorMembershipId: actor.membershipId });
  if (s === 'to_me') and.push({ id: { [Op.in]: literal(`(SELECT problem_id FROM problem_addressees WHERE membership_id = ${Number(actor.membershipId)})`) } });
  if (filter.tagId) and.push({ threadId: { [Op.in]: literal(`(SELECT subject_id FROM taggings WHERE subject_type = 'thread' AND tag_id = ${Number(filter.tagId)})`) } });
  const where = { [Op.and]: and };
  const req = { page, size: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE };
  const [rows, total] = await Promise.all([Problem.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: req.size, offset: req.offset }), Problem.count({ where })]);
  return { problems: await presentProblemRows(actor, rows, url), pager: pager(req, total) };
}

/** Rows of a problem list (also the home page's "waiting for leads"): threads, authors and tags in one query each. */
export async function presentProblemRows(actor: Actor, rows: Problem[], url: Url) {
  return (await problemRowData(actor.communityId, rows)).map((d) => problemRowView(actor, d, url));
}

/** What a problem row shows, the same for every reader (the home caches it): plain data, dates as dates. */
export async function problemRowData(communityId: number, rows: Problem[]) {
  const threads = rows.length ? await Thread.findAll({ where: { id: { [Op.in]: rows.map((p) => p.threadId) }, communityId, deletedAt: null } }) : [];
  const threadOf = new Map(threads.map((t) => [t.id, t]));
  const [names, tags] = await Promise.all([namesOf(threads.map((t) => t.authorId)), tagsFor('thread', threads.map((t) => t.id))]);
  return rows
    .filter((p) => threadOf.has(p.threadId))
    .map((p) => {
      const t = threadOf.get(p.threadId)!;
      return { id: p.id, threadId: t.id, authorMembershipId: p.authorMembershipId, title: t.title, status: p.status, author: names.get(t.authorId ?? -1) ?? '', leads: t.replyCount, createdAt: p.createdAt, tags: tags.get(t.id) ?? [] };
    });
}

export type ProblemRowData = Awaited<ReturnType<typeof problemRowData>>[number];

/** One row for its reader: links and the date in their language. */
export function problemRowView(actor: Actor, d: ProblemRowData, url: Url) {
  return {
    id: d.id,
    href: url(`/c/${actor.communityId}/problems/${d.threadId}`),
    title: d.title,
    status: d.status,
    author: d.author,
    leads: d.leads,
    created: dateView(d.createdAt, actor.lang),
    tags: d.tags.map((x) => ({ ...x, href: url(`/c/${actor.communityId}/problems`, { tag: x.slug }) })),
  };
}
