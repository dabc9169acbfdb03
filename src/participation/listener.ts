/**
 * The participation module's activity listener: an activity that may change someone's points
 * queues a recomputation of that member's gradebook score, in the activity's own transaction.
 */
import { Op, type Transaction } from 'sequelize';
import type { ActivityRow } from '../activity/listeners';
import { Activity } from '../activity/model';
import { Community, Membership } from '../kernel/community';
import { toScoring } from './points';
import { DELETE_VERBS, SCORING_VERBS, VERB_KIND, rulesOf } from './rules';
import { beneficiary } from './scoring';
import { enqueueScore, isGradable } from '../gradebook/outbox';

/** Queue the credited member's participation score when the activity can change it. */
export async function queueScoreForActivity(activity: ActivityRow, transaction: Transaction): Promise<void> {
  if (!SCORING_VERBS.has(activity.verb)) return;
  const who = await creditedMember(activity, transaction);
  if (who === null) return;
  const [community, member] = await Promise.all([
    Community.findByPk(activity.communityId, { attributes: ['id', 'settings'], transaction }),
    Membership.findOne({ where: { id: who, communityId: activity.communityId }, attributes: ['id', 'communityId', 'cohortId', 'userId', 'role', 'status'], transaction }),
  ]);
  if (!community || !member || !isGradable(member) || !rulesOf(community.settings).gradebook) return;
  await enqueueScore(member, 'participation', activity.verb, transaction);
}

/** Whose points the activity may change: the credited author, the attendee, the actor, or — for a deletion — whoever created the deleted contribution. */
async function creditedMember(activity: ActivityRow, transaction: Transaction): Promise<number | null> {
  const memberOfUser = new Map<number, number>();
  const parsed = toScoring(activity);
  const authorUser = Number(parsed.data?.authorId);
  if (parsed.data?.authorMembershipId === undefined && Number.isSafeInteger(authorUser)) {
    const m = await Membership.findOne({ where: { userId: authorUser, communityId: activity.communityId }, attributes: ['id'], transaction });
    if (m) memberOfUser.set(authorUser, m.id);
  }
  const a = toScoring(activity, (u) => memberOfUser.get(u));
  if (!(DELETE_VERBS as readonly string[]).includes(a.verb)) return beneficiary(a);
  // The contribution's creation row: same subject, or a thread whose opening post this was.
  const creation = await Activity.findOne({
    where: {
      communityId: activity.communityId,
      verb: Object.keys(VERB_KIND),
      [Op.or]: [
        { subjectType: activity.subjectType, subjectId: activity.subjectId },
        ...(activity.subjectType === 'post' ? [{ verb: 'thread.create', data: { [Op.like]: `%"postId":${activity.subjectId},%` } }] : []),
      ],
    },
    attributes: ['membershipId'],
    transaction,
  });
  return creation?.membershipId ?? null;
}

