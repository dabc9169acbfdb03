import type { Transaction } from 'sequelize';
import { Thread } from '../discussions/model';
import { insertPost, who } from '../discussions/posts';
import { setTags, type TagView } from '../content/tags';
import { Tag } from '../content/model';
import { renderMarkdown } from '../content/markdown';
import { recordActivity } from '../activity/model';
import { notify } from '../notifications/service';
import { DomainError } from '../kernel/errors';
import { Problem, ProblemAddressee } from './model';
import { indexProblemDetail } from './search';
import { activeMembershipIds } from './people';
import { expertsIn } from '../profiles/tags';
import type { Actor } from '../kernel/actor';
import type { ProblemForm } from './schemas';

/**
 * Bring a difficulty to peers: a thread of kind 'problem' whose opening post is the context, its
 * problem row (what was tried, what is needed, status open), tags, addressees, the search
 * document, a problem.create activity — and, in the same transaction, notifications: the chosen
 * members get 'problem.addressed', members whose declared expertise matches a tag get
 * 'problem.matching' (once: an addressee is not told twice).
 */
export async function createProblem(actor: Actor, form: ProblemForm, tags: TagView[], transaction: Transaction): Promise<Problem> {
  const addressees = (await activeMembershipIds(actor.communityId, form.to, transaction)).filter((id) => id !== actor.membershipId);
  if (form.audience === 'chosen' && addressees.length === 0) throw new DomainError('invalid', 'problems.errors.no_addressee');
  const thread = await Thread.create(
    { communityId: actor.communityId, kind: 'problem', title: form.title, authorId: actor.userId, lastPostAt: new Date(), lastPosterId: actor.userId },
    { transaction },
  );
  const { rendered } = await insertPost(actor, thread, { body: form.context }, transaction, { opening: true });
  await setTags(actor.communityId, { type: 'thread', id: thread.id }, tags, transaction);
  const tried = renderMarkdown(form.tried);
  const needed = renderMarkdown(form.needed);
  const problem = await Problem.create(
    {
      communityId: actor.communityId,
      threadId: thread.id,
      authorMembershipId: actor.membershipId,
      status: 'open',
      audience: form.audience,
      triedMd: form.tried,
      triedHtml: tried.html,
      neededMd: form.needed,
      neededHtml: needed.html,
    },
    { transaction },
  );
  if (addressees.length) await ProblemAddressee.bulkCreate(addressees.map((membershipId) => ({ problemId: problem.id, membershipId })), { transaction });
  await indexProblemDetail(problem, transaction);
  await recordActivity(
    {
      ...who(actor),
      verb: 'problem.create',
      subject: { type: 'problem', id: problem.id },
      data: { threadId: thread.id, audience: form.audience, addressees: addressees.length, tags: tags.map((t) => t.slug), length: rendered.length + tried.length + needed.length },
    },
    transaction,
  );
  await notifyProblem(actor, problem, thread, addressees, tags, transaction);
  return problem;
}

async function notifyProblem(actor: Actor, problem: Problem, thread: Thread, addressees: number[], tags: TagView[], transaction: Transaction) {
  const base = { communityId: actor.communityId, actorMembershipId: actor.membershipId, subject: { type: 'problem', id: problem.id }, params: { title: thread.title }, link: `/c/${actor.communityId}/problems/${thread.id}` };
  await notify(transaction, { ...base, kind: 'problem.addressed', recipients: addressees });
  if (tags.length === 0) return;
  const tagRows = await Tag.findAll({ where: { communityId: actor.communityId, slug: tags.map((t) => t.slug) }, attributes: ['id'], transaction });
  const asked = new Set(addressees);
  const experts = (await expertsIn(actor.communityId, tagRows.map((t) => t.id), transaction)).filter((id) => !asked.has(id));
  await notify(transaction, { ...base, kind: 'problem.matching', recipients: experts });
}
