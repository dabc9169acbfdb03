/**
 * The participation module's activity listener: an activity that may change someone's points
 * marks that member's stored points stale (src/participation/stored.ts) and queues a
 * recomputation of their gradebook score, in the activity's own transaction.
 */
import { Op, type Transaction } from 'sequelize';
import type { ActivityRow } from '../activity/listeners';
import { Activity } from '../activity/model';
import { Community, Membership } from '../kernel/community';
import { toScoring } from './points';
import { DELETE_VERBS, SCORING_VERBS, VERB_KIND, rulesOf } from './rules';
import { beneficiary } from './scoring';
import { enqueueScore, isGradable } from '../gradebook/outbox';
import { markStale } from './stored';

/** Queue the credited member's participation score when the activity can change it. */
export async function queueScoreForActivity(activity: ActivityRow, transaction: Transaction): Promise<void> {
  if (!SCORING_VERBS.has(activity.verb)) return;
  const who = await creditedMember(activity, transaction);
  if (who === null) return;
  const [community, member] = await Promise.all([
    Community.findByPk(activity.communityId, { attributes: ['id', 'settings'], transaction }),
    Membership.findOne({ where: { id: who, communityId: activity.communityId }, attributes: ['id', 'communityId', 'cohortId', 'userId', 'role', 'status'], transaction }),
  ]);
  if (!member) return;
  await markStale(member.communityId, member.id, transaction);
  if (!community || !isGradable(member) || !rulesOf(community.settings).gradebook) return;
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
  // The contribution's creation row: same subject, or — for a thread's opening post — the thread's
  // creation. Discussions names the post's thread in the deletion (`data.threadId`) and the opening
  // post in the creation (`data.postId`), so the thread is found by its subject columns and kept
  // only when it opened with this very post (never by matching text inside the JSON).
  const threadId = activity.subjectType === 'post' && a.data?.threadId !== undefined ? Number(a.data.threadId) : NaN;
  const opening = Number.isSafeInteger(threadId) ? [{ verb: 'thread.create', subjectType: 'thread', subjectId: threadId }] : [];
  const creations = await Activity.findAll({
    where: { communityId: activity.communityId, verb: Object.keys(VERB_KIND), [Op.or]: [{ subjectType: activity.subjectType, subjectId: activity.subjectId }, ...opening] },
    attributes: ['id', 'verb', 'subjectType', 'subjectId', 'membershipId', 'data'],
    order: [['id', 'ASC']],
    transaction,
  });
  const creation = creations.find((c) => c.subjectType === activity.subjectType || openedWith(c, activity.subjectId));
  return creation?.membershipId ?? null;
}

/** Whether a thread's creation row names this post as its opening post. */
function openedWith(creation: Activity, postId: number | null): boolean {
  const opening = toScoring(creation).data?.postId;
  return postId !== null && opening !== undefined && opening !== null && opening !== '' && Number(opening) === postId;
}
