import { Op, type Transaction } from 'sequelize';
import { Thread } from '../discussions/model';
import { DomainError } from '../kernel/errors';
import { Problem } from './model';

/**
 * Problem requests as meeting agenda items (generic kind + ref id + title, src/meetings): a
 * community can bring a difficulty still open to its next meeting. The ref id is the problem's
 * thread id, the id in its address (/c/:id/problems/:threadId).
 */
export async function agendaProblemChoices(communityId: number): Promise<Array<{ id: number; title: string }>> {
  const problems = await Problem.findAll({ where: { communityId, status: { [Op.in]: ['open', 'in_progress'] } }, order: [['createdAt', 'DESC']], limit: 30, attributes: ['threadId'] });
  if (problems.length === 0) return [];
  const threads = await Thread.findAll({ where: { id: { [Op.in]: problems.map((p) => p.threadId) }, communityId, deletedAt: null }, attributes: ['id', 'title'] });
  const titleOf = new Map(threads.map((t) => [t.id, t.title]));
  return problems.filter((p) => titleOf.has(p.threadId)).map((p) => ({ id: p.threadId, title: titleOf.get(p.threadId)! }));
}

/** Agenda items for the chosen problems (of this community, not archived), or 400 when one is not. */
export async function problemAgendaItems(communityId: number, threadIds: number[], transaction: Transaction) {
  if (threadIds.length === 0) return [];
  const wanted = [...new Set(threadIds)];
  const problems = await Problem.findAll({ where: { communityId, threadId: { [Op.in]: wanted }, status: { [Op.ne]: 'archived' } }, attributes: ['threadId'], transaction });
  const threads = await Thread.findAll({ where: { id: { [Op.in]: problems.map((p) => p.threadId) }, communityId, deletedAt: null }, attributes: ['id', 'title'], transaction });
  if (threads.length !== wanted.length) throw new DomainError('invalid', 'meetings.errors.agenda_problem');
  return threads.map((t) => ({ kind: 'problem', refId: t.id, title: t.title }));
}
