import type { Transaction } from 'sequelize';
import { Thread, ThreadFollow } from '../discussions/model';
import { insertPost } from '../discussions/posts';
import { renderMarkdown } from '../content/markdown';
import { recordActivity } from '../activity/model';
import { profileFor, whoOf } from '../profiles/service';
import { CommunityIntroduction } from './model';
import type { Actor } from '../kernel/actor';

/** The title of every community's introductions thread (one thread, read by French and English speakers alike). */
export const INTRODUCTIONS_TITLE = 'Présentations · Introductions';

/**
 * The community's introductions thread, created by the first newcomer who posts there. It has no
 * author (it belongs to the community), so nobody receives a 'reply' for each newcomer.
 */
async function introductionsThread(actor: Actor, transaction: Transaction): Promise<{ thread: Thread; created: boolean }> {
  const link = await CommunityIntroduction.findOne({ where: { communityId: actor.communityId }, transaction });
  const existing = link ? await Thread.findOne({ where: { id: link.threadId, communityId: actor.communityId, deletedAt: null }, transaction }) : null;
  if (existing) return { thread: existing, created: false };
  const thread = await Thread.create(
    { communityId: actor.communityId, kind: 'discussion', title: INTRODUCTIONS_TITLE, authorId: null, lastPostAt: new Date(), lastPosterId: actor.userId },
    { transaction },
  );
  if (link) await link.update({ threadId: thread.id }, { transaction });
  else await CommunityIntroduction.create({ communityId: actor.communityId, threadId: thread.id }, { transaction });
  return { thread, created: true };
}

/**
 * A newcomer introduces themself: the text goes on their profile, and (if they choose) in the
 * introductions thread as a post. Posting there does not make them follow the thread (every later
 * introduction would notify them). One onboarding.introduce activity.
 */
export async function introduceMyself(actor: Actor, input: { body: string; share: boolean }, transaction: Transaction): Promise<{ threadId: number | null; postId: number | null }> {
  const profile = await profileFor(actor.communityId, actor.membershipId, transaction);
  await profile.update({ introMd: input.body, introHtml: renderMarkdown(input.body).html }, { transaction });
  let threadId: number | null = null;
  let postId: number | null = null;
  if (input.share) {
    const { thread, created } = await introductionsThread(actor, transaction);
    const { post } = await insertPost(actor, thread, { body: input.body }, transaction, { opening: created });
    await ThreadFollow.destroy({ where: { threadId: thread.id, userId: actor.userId }, transaction });
    threadId = thread.id;
    postId = post.id;
  }
  await recordActivity({ ...whoOf(actor), verb: 'onboarding.introduce', subject: { type: 'profile', id: profile.id }, data: { threadId, postId, length: [...input.body].length } }, transaction);
  return { threadId, postId };
}

/** The newcomer is done with the welcome steps: the home page stops showing them. */
export async function completeOnboarding(actor: Actor, transaction: Transaction): Promise<boolean> {
  const profile = await profileFor(actor.communityId, actor.membershipId, transaction);
  if (profile.onboardedAt) return false;
  await profile.update({ onboardedAt: new Date() }, { transaction });
  await recordActivity({ ...whoOf(actor), verb: 'onboarding.complete', subject: { type: 'profile', id: profile.id } }, transaction);
  return true;
}
