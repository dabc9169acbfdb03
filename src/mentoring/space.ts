import type { Transaction } from 'sequelize';
import { renderMarkdown } from '../content/markdown';
import { recordActivity } from '../activity/model';
import { notFound } from '../kernel/errors';
import { whoOf } from '../profiles/service';
import { MentoringCheckin, MentoringGoal, MentoringMessage, type Mentorship } from './model';
import type { Actor } from '../kernel/actor';

/*
 * The pair's private space. Its texts are stored in mentoring_* tables and are NEVER passed to
 * the search indexer, the home feeds or the evidence queries: privacy by construction.
 */

/** A message in the pair's private thread. */
export async function postMessage(actor: Actor, pair: Mentorship, body: string, transaction: Transaction): Promise<MentoringMessage> {
  const rendered = renderMarkdown(body);
  const message = await MentoringMessage.create({ mentorshipId: pair.id, authorId: actor.membershipId, bodyMd: body, bodyHtml: rendered.html }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: 'mentoring.message', subject: { type: 'mentorship', id: pair.id }, data: { length: rendered.length } }, transaction);
  return message;
}

/** A shared goal. */
export async function addGoal(actor: Actor, pair: Mentorship, title: string, transaction: Transaction): Promise<MentoringGoal> {
  const goal = await MentoringGoal.create({ mentorshipId: pair.id, title, createdBy: actor.membershipId }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: 'mentoring.goal', subject: { type: 'mentorship', id: pair.id }, data: { goalId: goal.id, action: 'add' } }, transaction);
  return goal;
}

/** Mark a goal reached (or not yet). */
export async function setGoalDone(actor: Actor, pair: Mentorship, goalId: number, done: boolean, transaction: Transaction): Promise<void> {
  const goal = await MentoringGoal.findOne({ where: { id: goalId, mentorshipId: pair.id }, transaction });
  if (!goal) throw notFound();
  if (!!goal.doneAt === done) return;
  await goal.update({ doneAt: done ? new Date() : null }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: 'mentoring.goal', subject: { type: 'mentorship', id: pair.id }, data: { goalId, action: done ? 'done' : 'undone' } }, transaction);
}

/** A check-in: where the pair stands, dated, with the goals reached so far. */
export async function checkIn(actor: Actor, pair: Mentorship, note: string, transaction: Transaction): Promise<MentoringCheckin> {
  const rendered = renderMarkdown(note);
  const checkin = await MentoringCheckin.create({ mentorshipId: pair.id, authorId: actor.membershipId, noteMd: note, noteHtml: rendered.html }, { transaction });
  const goals = await MentoringGoal.findAll({ where: { mentorshipId: pair.id }, attributes: ['doneAt'], transaction });
  await recordActivity(
    { ...whoOf(actor), verb: 'mentoring.checkin', subject: { type: 'mentorship', id: pair.id }, data: { length: rendered.length, goals: goals.length, goalsDone: goals.filter((g) => g.doneAt).length } },
    transaction,
  );
  return checkin;
}
