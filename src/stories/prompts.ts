/**
 * Facilitators prompt members a few weeks after they marked "I tried it": those who tried a
 * contribution at least PROMPT_AFTER_DAYS ago, told no story on it and were not prompted for it
 * yet. A prompt is a notification (story.prompt) and an activity row, so nobody is asked twice.
 */
import { Op, type Transaction } from 'sequelize';
import { Activity, recordActivity } from '../activity/model';
import { Membership } from '../kernel/community';
import { Reaction } from '../discussions/model';
import { who } from '../discussions/posts';
import { notify } from '../notifications/service';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { ValueStory } from './model';
import { describeSubjects } from './subject';

export const PROMPT_AFTER_DAYS = 21;
const DAY = 86_400_000;

/** "I tried it" marks old enough to ask for a story, newest first, without a story or an earlier prompt. */
export async function promptCandidates(communityId: number, now = new Date(), limit = 50): Promise<Reaction[]> {
  const tried = await Reaction.findAll({ where: { communityId, kind: 'tried', createdAt: { [Op.lte]: new Date(now.getTime() - PROMPT_AFTER_DAYS * DAY) } }, order: [['id', 'DESC']], limit: limit * 4 });
  if (!tried.length) return [];
  const postIds = [...new Set(tried.map((r) => r.postId))];
  const [stories, prompts] = await Promise.all([
    ValueStory.findAll({ attributes: ['authorId', 'subjectId'], where: { communityId, subjectType: 'post', subjectId: postIds, deletedAt: null } }),
    Activity.findAll({ attributes: ['subjectId', 'data'], where: { communityId, verb: 'story.prompt', subjectType: 'post', subjectId: postIds } }),
  ]);
  const done = new Set([...stories.map((s) => `${s.authorId}:${s.subjectId}`), ...prompts.map((p) => `${(JSON.parse(p.data ?? '{}') as { userId?: number }).userId}:${p.subjectId}`)]);
  return tried.filter((r) => !done.has(`${r.userId}:${r.postId}`)).slice(0, limit);
}

/** Prompt the member behind one "I tried it" mark (a facilitator): 400 when it is not a candidate any more. */
export async function promptStory(actor: Actor, reactionId: number, transaction: Transaction): Promise<void> {
  const candidates = await promptCandidates(actor.communityId, new Date(), 1000);
  const reaction = candidates.find((r) => r.id === reactionId);
  const member = reaction ? await Membership.findOne({ where: { communityId: actor.communityId, userId: reaction.userId, status: 'active' }, transaction }) : null;
  const subject = reaction ? (await describeSubjects(actor, [{ subjectType: 'post', subjectId: reaction.postId }])).get(`post:${reaction.postId}`) : undefined;
  if (!reaction || !member || !subject) throw new DomainError('invalid', 'stories.errors.prompt');
  await notify(transaction, {
    communityId: actor.communityId,
    recipients: [member.id],
    kind: 'story.prompt',
    actorMembershipId: actor.membershipId,
    subject: { type: 'post', id: reaction.postId },
    params: { title: subject.title },
    link: `/c/${actor.communityId}/posts/${reaction.postId}/stories#tell-h`,
  });
  await recordActivity({ ...who(actor), verb: 'story.prompt', subject: { type: 'post', id: reaction.postId }, data: { userId: reaction.userId, membershipId: member.id } }, transaction);
}
