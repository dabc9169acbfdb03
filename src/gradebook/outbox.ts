/**
 * Writing to the gradebook outbox, always inside the transaction of the change that caused it
 * (an activity, an adjustment, new rules, a facilitator's "send now"): a score is never lost,
 * even if the process dies right after the commit.
 *
 * Timestamps are fixed here, at the moment of the change, and strictly increasing to the whole
 * second per (cohort line item, member): Moodle keeps seconds and refuses with 409 any score not
 * strictly later than the one it holds (LTIJS-NOTES.md). Two changes in the same second get
 * consecutive seconds. The member's sync row is locked (SELECT … FOR UPDATE on MariaDB; SQLite
 * transactions are already serialized) so concurrent causes cannot hand out the same second,
 * and a unique index on (sync, timestamp) would refuse it anyway.
 */
import type { Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { ScoreOutbox, ScoreSync, type ScoreKind } from './model';

/** The membership fields the outbox needs. */
export type GradedMember = Pick<Membership, 'id' | 'communityId' | 'cohortId' | 'userId' | 'role' | 'status'>;

/**
 * Whom the gradebook grades: active members the LMS lists as learners. Facilitators, mentors and
 * observers are not graded (Moodle answers 400 and Canvas 422 for a teacher's score).
 */
export function isGradable(m: Pick<Membership, 'role' | 'status'>): boolean {
  return m.status === 'active' && m.role === 'member';
}

/** The next timestamp for a member's column: now (whole seconds), and always after the last one. */
export function nextTimestamp(last: Date | null, now: Date): Date {
  const floor = Math.floor(now.getTime() / 1000) * 1000;
  const after = last ? Math.floor(last.getTime() / 1000) * 1000 + 1000 : 0;
  return new Date(Math.max(floor, after));
}

/** Queue a recomputation of one member's score in one column, with its timestamp fixed now. */
export async function enqueueScore(m: GradedMember, kind: ScoreKind, cause: string, transaction: Transaction, now = new Date()): Promise<ScoreOutbox> {
  const key = { cohortId: m.cohortId, membershipId: m.id, kind };
  // INSERT IGNORE: two transactions may create the row at once; the second waits, then skips.
  await ScoreSync.bulkCreate([{ ...key, communityId: m.communityId, userId: m.userId }], { ignoreDuplicates: true, transaction });
  const sync = (await ScoreSync.findOne({ where: key, transaction, lock: transaction.LOCK.UPDATE }))!;
  const timestamp = nextTimestamp(sync.lastTimestamp, now);
  await ScoreSync.update({ lastTimestamp: timestamp }, { where: { id: sync.id }, transaction });
  return ScoreOutbox.create(
    { syncId: sync.id, communityId: m.communityId, cohortId: m.cohortId, membershipId: m.id, kind, timestamp, status: 'pending', cause: cause.slice(0, 64) },
    { transaction },
  );
}

/** Queue one column for every gradable member of a community (new rules, "send now"); returns how many. */
export async function enqueueCommunity(communityId: number, kind: ScoreKind, cause: string, transaction: Transaction, cohortId?: number): Promise<number> {
  const members = await Membership.findAll({
    where: { communityId, status: 'active', role: 'member', ...(cohortId ? { cohortId } : {}) },
    attributes: ['id', 'communityId', 'cohortId', 'userId', 'role', 'status'],
    transaction,
  });
  const now = new Date();
  for (const m of members) await enqueueScore(m, kind, cause, transaction, now);
  return members.length;
}
