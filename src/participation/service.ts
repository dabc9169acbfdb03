/**
 * Participation commands: save the rules, adjust a member's points, send scores now, retry a
 * parked one. Each runs in the caller's transaction, writes its activity row and queues the
 * gradebook changes it causes in that same transaction.
 */
import type { Actor as KernelActor } from '../kernel/actor';
import { Op, type Transaction } from 'sequelize';
import { recordActivity } from '../activity/model';
import { Community, type Membership } from '../kernel/community';
import { log } from '../log';
import { runScoreOutbox } from '../gradebook/sender';
import { ScoreAdjustment } from './model';
import { markStale } from './stored';
import { ScoreOutbox } from '../gradebook/model';
import { enqueueCommunity, enqueueScore, isGradable } from '../gradebook/outbox';
import type { Rules } from './rules';

/** The facilitator acting. */
/** What participation reads of the actor (kernel/actor.ts): whose points, in which community. */
export type Actor = Pick<KernelActor, 'communityId' | 'userId' | 'membershipId'>;

const who = (a: Actor) => ({ communityId: a.communityId, userId: a.userId, membershipId: a.membershipId });
/** The command line acts for nobody in particular. */
const systemActor = (communityId: number) => ({ communityId, userId: null, membershipId: null });

/** Save new rules; every member's scores are recomputed and resent (only those that changed go out). */
export async function saveRules(actor: Actor, community: Community, rules: Rules, t: Transaction): Promise<number> {
  await community.update({ settings: { ...community.settings, participation: rules } }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'participation.configure', subject: { type: 'community', id: community.id }, data: { period: rules.period, target: rules.target, cap: rules.cap } }, t);
  let queued = 0;
  if (rules.gradebook) queued += await enqueueCommunity(community.id, 'participation', 'participation.configure', t);
  if (rules.pdColumn) queued += await enqueueCommunity(community.id, 'pd_hours', 'participation.configure', t);
  return queued;
}

/** Add (or remove) points for a member, with a reason the member sees. */
export async function adjustPoints(actor: Actor, member: Membership, input: { points: number; reason: string }, t: Transaction): Promise<ScoreAdjustment> {
  const adj = await ScoreAdjustment.create({ communityId: member.communityId, membershipId: member.id, points: input.points, reason: input.reason, createdBy: actor.userId }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'participation.adjust', subject: { type: 'membership', id: member.id }, data: { points: input.points } }, t);
  await markStale(member.communityId, member.id, t);
  if (isGradable(member)) await enqueueScore(member, 'participation', 'participation.adjust', t);
  return adj;
}

/** "Send now" (a facilitator, or the CLI with no actor): queue every member's columns and make waiting retries due (a Retry-After still holds). */
export async function pushScores(actor: Actor | null, community: Community, rules: Rules, cohortId: number | undefined, t: Transaction): Promise<number> {
  let queued = 0;
  const cause = actor ? 'push' : 'cli';
  if (rules.gradebook) queued += await enqueueCommunity(community.id, 'participation', cause, t, cohortId);
  if (rules.pdColumn) queued += await enqueueCommunity(community.id, 'pd_hours', cause, t, cohortId);
  await ScoreOutbox.update(
    { nextAttemptAt: null },
    { where: { communityId: community.id, status: 'pending', ...(cohortId ? { cohortId } : {}), lastError: { [Op.or]: { [Op.ne]: 'rate_limited', [Op.is]: null } } }, transaction: t },
  );
  await recordActivity({ ...(actor ? who(actor) : systemActor(community.id)), verb: 'participation.push', subject: { type: 'community', id: community.id }, data: { cohortId: cohortId ?? null, queued } }, t);
  return queued;
}

/** Try a parked (failed) score again, with its own timestamp, once a person fixed the cause. */
export async function retryScore(actor: Actor, row: ScoreOutbox, t: Transaction): Promise<void> {
  await row.update({ status: 'pending', attempts: 0, nextAttemptAt: null }, { transaction: t });
  await recordActivity({ ...who(actor), verb: 'participation.retry', subject: { type: 'membership', id: row.membershipId }, data: { row: row.id } }, t);
}

const inflight = new Set<Promise<unknown>>();

/** Start sending a community's due scores in the background of this process; never waits for the LMS. */
export function sendSoon(communityId: number): void {
  const run = runScoreOutbox({ communityId, maxMs: 60_000 }).catch((err) => log.error('score_push_failed', { error: (err as Error).message }));
  inflight.add(run);
  void run.finally(() => inflight.delete(run));
}

/** Resolves when every background send started here has finished (tests, shutdown). */
export async function scoreSendsIdle(): Promise<void> {
  while (inflight.size) await Promise.allSettled([...inflight]);
}
