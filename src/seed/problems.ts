/**
 * The problem-request seeder: members bring difficulties to their peers (a thread of kind
 * 'problem' whose opening post is the context, with what was tried and what is needed), peers
 * offer leads, the author marks the ones that helped, accepts one as the solution and sometimes
 * writes what they finally did. Some requests are addressed to chosen members; some are still
 * waiting for a first lead; a few were archived. Activity rows are those the services record.
 */
import { Problem, ProblemAddressee, HelpfulLead } from '../problems/model';
import { problemDocument } from '../problems/search';
import { documentValues } from '../search/indexer';
import { SearchDocument } from '../search/model';
import { renderMarkdown, type Rendered } from '../content/markdown';
import type { Rng } from './random';
import { Authors } from './people';
import { planThread, planReplies, pickTags, type PostPlan, type ThreadPlan } from './plan';
import { writeThreads } from './write';
import { postBudget } from './discussions';
import { body, title } from './text';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import type { Lang } from './vocabulary';
import { singleTransaction } from '../db/retry';

const TRIED: Record<Lang, string> = { fr: 'J’ai essayé : ', en: 'I tried: ' };
const NEEDED: Record<Lang, string> = { fr: 'Ce dont j’ai besoin : ', en: 'What I need: ' };
const RESOLUTION: Record<Lang, string> = { fr: 'Ce que j’ai finalement fait : ', en: 'What I finally did: ' };

/** A text with its rendering (rendered once: the row, the search document and the activity's length read it). */
type Written = Rendered & { md: string };
const written = (md: string): Written => ({ md, ...renderMarkdown(md) });

interface ProblemPlan {
  id: number;
  thread: ThreadPlan;
  author: SeedPerson;
  lang: Lang;
  audience: 'community' | 'chosen';
  addressees: SeedPerson[];
  tried: Written;
  needed: Written;
  status: 'open' | 'in_progress' | 'solved' | 'archived';
  helpful: Array<{ lead: PostPlan; at: Date }>;
  accepted: { lead: PostPlan; at: Date } | null;
  resolution: { text: Written; at: Date } | null;
  archivedAt: Date | null;
}

/** A problem request and its leads, planned; its outcome follows from the leads it got. */
function planProblem(ctx: SeedContext, rng: Rng, authors: Authors, size: number, index: number): ProblemPlan {
  const createdAt = ctx.timeline.moment(rng);
  const author = authors.pick(rng, createdAt);
  const lang = author.lang;
  const thread = planThread(rng, {
    kind: 'problem', title: title(rng, 'problem', lang, ctx.domain), author, createdAt, lang, visibility: 'community', pinned: false,
    sourceType: null, sourceId: null, resourceId: null, hasOpening: true, tags: pickTags(ctx, rng, lang),
  });
  // Leads are top-level posts by peers (the author answers in the thread's replies, rarely).
  planReplies(ctx, rng, authors, thread, size - 1, {
    meanGapHours: 14,
    nested: 0,
    shape: (r, reply) => {
      if (reply.author === author) reply.author = authors.pick(r, reply.createdAt);
    },
  });
  // About one in six is addressed to chosen members (the second always, so every seed has one).
  const chosen = index === 1 || rng.chance(0.12) ? addressees(rng, authors, author, createdAt) : [];
  const plan: ProblemPlan = {
    id: 0, thread, author, lang, audience: chosen.length ? 'chosen' : 'community', addressees: chosen,
    tried: written(body(rng, lang, ctx.domain, 'short', TRIED[lang])), needed: written(body(rng, lang, ctx.domain, 'short', NEEDED[lang])),
    status: 'open', helpful: [], accepted: null, resolution: null, archivedAt: null,
  };
  const leads = thread.posts.slice(1).filter((p) => p.author !== author);
  if (leads.length === 0) {
    if (rng.chance(0.1)) Object.assign(plan, { status: 'archived', archivedAt: ctx.timeline.after(rng, createdAt, 24 * 20) });
    return plan;
  }
  plan.status = 'in_progress';
  for (const lead of rng.sample(leads, rng.chance(0.5) ? rng.int(1, 2) : 0)) plan.helpful.push({ lead, at: ctx.timeline.after(rng, lead.createdAt, 24) });
  if (rng.chance(0.6)) {
    const lead = plan.helpful[0]?.lead ?? rng.pick(leads);
    const at = ctx.timeline.after(rng, lead.createdAt, 36);
    plan.status = 'solved';
    plan.accepted = { lead, at };
    if (rng.chance(0.5)) plan.resolution = { text: written(body(rng, lang, ctx.domain, 'medium', RESOLUTION[lang])), at: ctx.timeline.after(rng, at, 12) };
  } else if (rng.chance(0.08)) Object.assign(plan, { status: 'archived', archivedAt: ctx.timeline.after(rng, leads[leads.length - 1].createdAt, 24 * 20) });
  return plan;
}

/** 1–3 members asked directly (never the author). */
function addressees(rng: Rng, authors: Authors, author: SeedPerson, at: Date): SeedPerson[] {
  const chosen = new Set<SeedPerson>();
  for (let k = rng.int(1, 3); k > 0; k--) chosen.add(authors.pick(rng, at));
  chosen.delete(author);
  return [...chosen];
}

export async function seedProblems(ctx: SeedContext): Promise<void> {
  let left = postBudget(ctx.options.posts).problems;
  if (left === 0) return;
  const rng = ctx.rng.derive('problems');
  const authors = new Authors(ctx.people);
  const plans: ProblemPlan[] = [];
  while (left > 0) {
    // A fifth wait for a first lead; the others get a handful.
    const size = Math.min(left, rng.chance(0.2) ? 1 : 1 + rng.geometric(4));
    plans.push(planProblem(ctx, rng, authors, size, plans.length));
    left -= size;
  }
  await writeThreads(ctx, 'problems', plans.map((p) => p.thread), { activities: false });
  await singleTransaction(ctx.sequelize, async (t) => {
    let id = await ctx.ids.reserve(Problem, plans.length, t);
    for (const p of plans) p.id = id++;
    const rows = plans.map((p) => problemRow(ctx, p));
    await insertRows(ctx, Problem, rows, t);
    await insertRows(ctx, ProblemAddressee, plans.flatMap((p) => p.addressees.map((a) => ({ problemId: p.id, membershipId: a.membershipId, createdAt: p.thread.createdAt }))), t);
    await insertRows(ctx, HelpfulLead, plans.flatMap((p) => p.helpful.map((h) => ({ problemId: p.id, postId: h.lead.id, createdAt: h.at }))), t);
    // The problem's own search document, as indexProblemDetail writes it.
    await insertRows(ctx, SearchDocument, rows.map((row, i) => ({ ...documentValues(problemDocument(row)), createdAt: row.createdAt, updatedAt: plans[i].resolution?.at ?? row.createdAt })), t);
  });
  for (const p of plans) queueProblemActivities(ctx, p);
}

function problemRow(ctx: SeedContext, p: ProblemPlan) {
  const last = [p.thread.posts[p.thread.posts.length - 1].createdAt, p.accepted?.at, p.resolution?.at, p.archivedAt].filter((d): d is Date => !!d);
  return {
    id: p.id, communityId: ctx.community.id, threadId: p.thread.id, authorMembershipId: p.author.membershipId, status: p.status, audience: p.audience,
    triedMd: p.tried.md, triedHtml: p.tried.html, neededMd: p.needed.md, neededHtml: p.needed.html,
    acceptedPostId: p.accepted?.lead.id ?? null, resolutionMd: p.resolution?.text.md ?? null, resolutionHtml: p.resolution?.text.html ?? null,
    solvedAt: p.accepted?.at ?? null, createdAt: p.thread.createdAt, updatedAt: new Date(Math.max(...last.map((d) => d.getTime()))),
  };
}

/** problem.create, lead.create per lead, lead.helpful, solution.accept, problem.resolve, problem.archive: as the services record them. */
function queueProblemActivities(ctx: SeedContext, p: ProblemPlan): void {
  const [opening, ...leads] = p.thread.posts;
  const length = (opening.length ?? 0) + p.tried.length + p.needed.length;
  const problem = { type: 'problem', id: p.id };
  activity(ctx, { createdAt: opening.createdAt, ...actor(p.author), verb: 'problem.create', subject: problem, data: { threadId: p.thread.id, audience: p.audience, addressees: p.addressees.length, tags: p.thread.tagSlugs, length } });
  for (const lead of leads) {
    const mentions = lead.mention && lead.mention !== lead.author ? [lead.mention.userId] : [];
    activity(ctx, { createdAt: lead.createdAt, ...actor(lead.author), verb: 'lead.create', subject: { type: 'post', id: lead.id }, data: { problemId: p.id, threadId: p.thread.id, length: lead.length ?? 0, mentions, problemAuthorMembershipId: p.author.membershipId } });
  }
  for (const h of p.helpful) activity(ctx, { createdAt: h.at, ...actor(p.author), verb: 'lead.helpful', subject: { type: 'post', id: h.lead.id }, data: { problemId: p.id, on: true, authorMembershipId: h.lead.author.membershipId } });
  if (p.accepted) activity(ctx, { createdAt: p.accepted.at, ...actor(p.author), verb: 'solution.accept', subject: { type: 'post', id: p.accepted.lead.id }, data: { problemId: p.id, threadId: p.thread.id, authorMembershipId: p.accepted.lead.author.membershipId } });
  if (p.resolution) activity(ctx, { createdAt: p.resolution.at, ...actor(p.author), verb: 'problem.resolve', subject: problem, data: { threadId: p.thread.id, length: p.resolution.text.length, accepted: p.accepted?.lead.id ?? null } });
  if (p.archivedAt) activity(ctx, { createdAt: p.archivedAt, ...actor(p.author), verb: 'problem.archive', subject: problem, data: { from: leads.length ? 'in_progress' : 'open', to: 'archived' } });
}
