/**
 * The facilitator's to-do (issue 19), first thing on their community home: what waits for them,
 * oldest first within each kind, each with the action that settles it one click away. An entry
 * leaves when its cause is settled (declaration decided, attendance recorded, a lead given…), or
 * when the facilitator marks it done (for good) or snoozes it (SNOOZE_DAYS).
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { TodoSnooze } from './model';
import { attendanceToRecord, flags, newcomers, pdDeclarations, problemsWithoutLead, proposalsClosing, syncFailures, unansweredThreads, type TodoEntry } from './sources';
import { namesOf } from '../content/people';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

export type { TodoEntry } from './sources';

/** How long a snoozed entry stays out of sight. */
export const SNOOZE_DAYS = 3;

/** Every entry waiting in a community, in the order the page shows the kinds (most pressing first). */
export async function openEntries(communityId: number, now = new Date()): Promise<TodoEntry[]> {
  const parts = await Promise.all([
    pdDeclarations(communityId),
    attendanceToRecord(communityId, now),
    flags(communityId),
    problemsWithoutLead(communityId, now),
    unansweredThreads(communityId, now),
    newcomers(communityId, now, namesOf),
    proposalsClosing(communityId, now),
    syncFailures(communityId),
  ]);
  return parts.flat();
}

/** The entries this facilitator has not marked done nor snoozed (a snooze that ran out no longer hides). */
export async function todoFor(actor: Pick<Actor, 'communityId' | 'membershipId'>, now = new Date()): Promise<TodoEntry[]> {
  const [entries, snoozes] = await Promise.all([
    openEntries(actor.communityId, now),
    TodoSnooze.findAll({ where: { membershipId: actor.membershipId, [Op.or]: [{ until: null }, { until: { [Op.gt]: now } }] }, attributes: ['itemKey'] }),
  ]);
  const hidden = new Set(snoozes.map((s) => s.itemKey));
  return entries.filter((e) => !hidden.has(e.key));
}

/**
 * Mark an entry done (hidden for good) or snooze it. Only an entry that is on this facilitator's
 * to-do right now: an unknown or settled key is refused (400) and nothing is written.
 */
export async function setAside(actor: Actor, key: string, how: 'done' | 'snooze', transaction: Transaction, now = new Date()): Promise<void> {
  const current = await todoFor(actor, now);
  if (!current.some((e) => e.key === key)) throw new DomainError('invalid', 'facilitation.errors.unknown_item');
  const until = how === 'done' ? null : new Date(now.getTime() + SNOOZE_DAYS * 24 * 3600_000);
  await TodoSnooze.destroy({ where: { membershipId: actor.membershipId, itemKey: key }, transaction });
  try {
    await TodoSnooze.create({ membershipId: actor.membershipId, itemKey: key, until }, { transaction });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return; // a double click: the first one holds
    throw err;
  }
  await recordActivity({ communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: how === 'done' ? 'todo.done' : 'todo.snooze', data: { key } }, transaction);
}
