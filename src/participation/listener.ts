/**
 * The participation module's activity listener: an activity that may change someone's points
 * queues a recomputation of that member's gradebook score, in the activity's own transaction.
 */
import type { Transaction } from 'sequelize';
import { onActivity } from '../activity/listeners';
import type { Activity } from '../activity/model';
import { Community, Membership } from '../communities/model';
import { toScoring } from './points';
import { SCORING_VERBS, rulesOf } from './rules';
import { beneficiary } from './scoring';
import { enqueueScore, isGradable } from './outbox';

/** Queue the credited member's participation score when the activity can change it. */
export async function queueScoreForActivity(activity: Activity, transaction: Transaction): Promise<void> {
  if (!SCORING_VERBS.has(activity.verb)) return;
  const who = beneficiary(toScoring(activity));
  if (who === null) return;
  const [community, member] = await Promise.all([
    Community.findByPk(activity.communityId, { attributes: ['id', 'settings'], transaction }),
    Membership.findOne({ where: { id: who, communityId: activity.communityId }, attributes: ['id', 'communityId', 'cohortId', 'userId', 'role', 'status'], transaction }),
  ]);
  if (!community || !member || !isGradable(member) || !rulesOf(community.settings).gradebook) return;
  await enqueueScore(member, 'participation', activity.verb, transaction);
}

/** Register the listener (idempotent: called from model init in every process). */
export function registerParticipationListener(): void {
  onActivity('participation.score', queueScoreForActivity);
}
