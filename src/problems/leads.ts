import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Post, Thread } from '../discussions/model';
import { insertPost, who } from '../discussions/posts';
import { renderMarkdown } from '../content/markdown';
import { recordActivity } from '../activity/model';
import { HelpfulLead, type Problem, type ProblemStatus } from './model';
import { indexProblemDetail } from './search';
import { membershipsOfUsers } from './people';
import type { Actor } from '../kernel/actor';

/** The membership (in this community) of a lead's author, for the activity rows the gradebook scores. */
async function leadAuthor(actor: Actor, lead: Post, transaction: Transaction): Promise<number | null> {
  return (await membershipsOfUsers(actor.communityId, [lead.authorId], transaction)).get(lead.authorId ?? -1) ?? null;
}

/**
 * A peer offers a solution lead: a top-level post of the problem thread (rendered, searchable,
 * mentions and the 'reply' notification to the author and followers come with insertPost). The
 * first lead moves an open problem to in progress.
 */
export async function addLead(actor: Actor, problem: Problem, thread: Thread, body: string, transaction: Transaction): Promise<Post> {
  const { post, rendered, mentioned } = await insertPost(actor, thread, { body }, transaction);
  if (problem.status === 'open') await problem.update({ status: 'in_progress' }, { transaction });
  await recordActivity(
    { ...who(actor), verb: 'lead.create', subject: { type: 'post', id: post.id }, data: { problemId: problem.id, threadId: thread.id, length: rendered.length, mentions: mentioned, problemAuthorMembershipId: problem.authorMembershipId } },
    transaction,
  );
  return post;
}

/** The author marks (or unmarks) a lead as having helped. Idempotent; the unique index settles double clicks. */
export async function markLeadHelpful(actor: Actor, problem: Problem, lead: Post, on: boolean, transaction: Transaction): Promise<boolean> {
  const existing = await HelpfulLead.findOne({ where: { postId: lead.id }, transaction });
  if (on === !!existing) return false;
  if (on) {
    try {
      await HelpfulLead.create({ problemId: problem.id, postId: lead.id }, { transaction });
    } catch (err) {
      if (err instanceof UniqueConstraintError) return false;
      throw err;
    }
  } else await existing!.destroy({ transaction });
  await recordActivity(
    { ...who(actor), verb: 'lead.helpful', subject: { type: 'post', id: lead.id }, data: { problemId: problem.id, on, authorMembershipId: await leadAuthor(actor, lead, transaction) } },
    transaction,
  );
  return true;
}

/** The author accepts a lead as the solution: the problem is solved. Accepting another lead moves the mark. */
export async function acceptSolution(actor: Actor, problem: Problem, lead: Post, transaction: Transaction): Promise<boolean> {
  if (problem.acceptedPostId === lead.id) return false;
  await problem.update({ acceptedPostId: lead.id, status: 'solved', solvedAt: problem.solvedAt ?? new Date() }, { transaction });
  await recordActivity(
    { ...who(actor), verb: 'solution.accept', subject: { type: 'post', id: lead.id }, data: { problemId: problem.id, threadId: problem.threadId, authorMembershipId: await leadAuthor(actor, lead, transaction) } },
    transaction,
  );
  return true;
}

/** The author writes what they finally did: the trace the community keeps. The problem is solved. */
export async function resolveProblem(actor: Actor, problem: Problem, resolution: string, transaction: Transaction): Promise<void> {
  const rendered = renderMarkdown(resolution);
  await problem.update({ resolutionMd: resolution, resolutionHtml: rendered.html, status: 'solved', solvedAt: problem.solvedAt ?? new Date() }, { transaction });
  await indexProblemDetail(problem, transaction);
  await recordActivity({ ...who(actor), verb: 'problem.resolve', subject: { type: 'problem', id: problem.id }, data: { threadId: problem.threadId, length: rendered.length, accepted: problem.acceptedPostId } }, transaction);
}

/** Archive, or reopen (back to open, or in progress when it has leads). */
export async function setProblemStatus(actor: Actor, problem: Problem, thread: Thread, to: 'archived' | 'open', transaction: Transaction): Promise<ProblemStatus> {
  const from = problem.status;
  const status: ProblemStatus = to === 'archived' ? 'archived' : thread.replyCount > 0 ? 'in_progress' : 'open';
  const changes: Record<string, unknown> = { status };
  if (to === 'open') Object.assign(changes, { acceptedPostId: null, solvedAt: null });
  await problem.update(changes, { transaction });
  await recordActivity({ ...who(actor), verb: to === 'archived' ? 'problem.archive' : 'problem.reopen', subject: { type: 'problem', id: problem.id }, data: { from, to: status } }, transaction);
  return status;
}
