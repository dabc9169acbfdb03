import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { ThreadFollow, type Post, type Thread } from './model';
import { notify } from '../notifications/service';
import type { Actor } from '../kernel/actor';

/** Active memberships (in the thread's community) of these users. */
async function membershipIds(communityId: number, userIds: number[], transaction: Transaction): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await Membership.findAll({ where: { communityId, userId: { [Op.in]: [...new Set(userIds)] }, status: 'active' }, attributes: ['id'], transaction });
  return rows.map((m) => m.id);
}

/**
 * Tell people about a new or edited post, in the post's transaction: the members it newly
 * mentions get 'mention'; for a reply (not an opening post, not an edit), the thread's author
 * ('reply', context 'own', or 'lead' on a help request) and its followers ('reply') are told — except those just mentioned (one notification is enough) and
 * the writer. A private journal entry is its author's alone: nobody else is told of it, so its
 * title never leaks through a notification.
 */
export async function notifyPostAudience(actor: Actor, thread: Thread, post: Post, mentionedUserIds: number[], opts: { reply: boolean }, transaction: Transaction): Promise<void> {
  const allowed = (userId: number) => thread.visibility !== 'private' || userId === thread.authorId;
  const mentioned = mentionedUserIds.filter(allowed);
  const base = { communityId: actor.communityId, actorMembershipId: actor.membershipId, subject: { type: 'post', id: post.id }, params: { title: thread.title }, link: `/c/${actor.communityId}/posts/${post.id}` };
  await notify(transaction, { ...base, kind: 'mention', recipients: await membershipIds(actor.communityId, mentioned, transaction) });
  if (!opts.reply) return;
  const followers = await ThreadFollow.findAll({ where: { threadId: thread.id }, attributes: ['userId'], transaction });
  const told = new Set([...mentioned, actor.userId]);
  const author = thread.authorId !== null && !told.has(thread.authorId) ? [thread.authorId] : [];
  const audience = followers.map((f) => f.userId).filter((id) => id !== thread.authorId && !told.has(id) && allowed(id));
  // The author reads "your thread" (or, on a help request, "a lead on your request"); followers "a thread you follow".
  await notify(transaction, { ...base, kind: 'reply', params: { ...base.params, context: thread.kind === 'problem' ? 'lead' : 'own' }, recipients: await membershipIds(actor.communityId, author, transaction) });
  await notify(transaction, { ...base, kind: 'reply', recipients: await membershipIds(actor.communityId, audience, transaction) });
}
