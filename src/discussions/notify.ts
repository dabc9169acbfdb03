import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { ThreadFollow, Post, Thread } from './model';
import { notify } from '../notifications/service';
import { facilitators, num, type CoverageRow, type Delivery, type EventFacts } from '../notifications/coverage';
import { htmlToText } from '../content/sanitize';
import { excerpt } from '../content/markdown';
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

/** A thread's title for a notification (empty when it is gone or not in the activity's community). */
export async function threadTitle(f: EventFacts, threadId: unknown): Promise<string> {
  const id = num(threadId);
  const thread = id ? await Thread.findOne({ where: { id, communityId: f.activity.communityId }, attributes: ['title'], transaction: f.transaction }) : null;
  return thread?.title ?? '';
}

/** A post flagged → the facilitators, who settle it. */
const flagged = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  if (!postId) return null;
  const cid = f.activity.communityId;
  return { recipients: await facilitators(cid, f.transaction), actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, f.data.threadId) }, link: `/c/${cid}/posts/${postId}/moderate`, subject: { type: 'post', id: postId } };
};

/** A post flagged → its author, without saying who flagged it (no actor is kept). */
const flaggedToAuthor = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  const authorUser = num(f.data.postAuthorId);
  if (!postId || !authorUser) return null;
  const cid = f.activity.communityId;
  const author = await Membership.findOne({ where: { communityId: cid, userId: authorUser, status: 'active' }, attributes: ['id'], transaction: f.transaction });
  if (!author || author.id === f.activity.membershipId) return null;
  return { recipients: [author.id], actorMembershipId: null, params: { title: await threadTitle(f, f.data.threadId) }, link: `/c/${cid}/posts/${postId}`, subject: { type: 'post', id: postId } };
};

/** A post hidden by the facilitators → its author, with the reason. */
const hidden = async (f: EventFacts): Promise<Delivery | null> => {
  const postId = f.activity.subjectId;
  const authorUser = num(f.data.postAuthorId);
  if (!postId || !authorUser) return null;
  const cid = f.activity.communityId;
  const author = await Membership.findOne({ where: { communityId: cid, userId: authorUser, status: 'active' }, attributes: ['id'], transaction: f.transaction });
  if (!author) return null;
  const reason = typeof f.data.reason === 'string' ? f.data.reason : '';
  return { recipients: [author.id], actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, f.data.threadId), reason }, link: `/c/${cid}/posts/${postId}`, subject: { type: 'post', id: postId } };
};

/** Who is told of posts: the sharing rows of the notification table (notifications/coverage.ts). */
export const discussionCoverage: readonly CoverageRow[] = [
  { event: 'post.reply', kind: 'mention', audience: 'members mentioned in the post', sentBy: 'src/discussions/notify.ts' },
  { event: 'post.reply', kind: 'reply', context: 'own', audience: "the thread's author (“your thread”)", sentBy: 'src/discussions/notify.ts' },
  { event: 'post.reply', kind: 'reply', audience: 'members following the thread (“a thread you follow”)', sentBy: 'src/discussions/notify.ts' },
  { event: 'post.flag', kind: 'post.flagged', audience: 'facilitators', sentBy: 'listener', resolve: flagged },
  { event: 'post.flag', kind: 'post.flagged', context: 'own', audience: "the post's author (never who flagged it)", sentBy: 'listener', resolve: flaggedToAuthor },
  { event: 'post.hide', kind: 'post.hidden', audience: "the post's author", sentBy: 'listener', resolve: hidden },
];

/** Longest passage of a post quoted in an e-mail. */
const EXCERPT_CHARS = 280;

/**
 * The words of the post a notification is about, shortened, so its e-mail stands on its own: only
 * while the post can be read (not deleted or hidden, not a private entry of someone else).
 * Registered with the notification e-mails from src/features.ts.
 */
export async function postExcerpt(link: string, communityId: number, recipientUserId: number, transaction: Transaction): Promise<string | null> {
  const m = /\/posts\/(\d+)|#post-(\d+)/.exec(link);
  if (!m) return null;
  const post = await Post.findOne({ where: { id: Number(m[1] ?? m[2]), communityId, deletedAt: null, hiddenAt: null }, attributes: ['bodyHtml', 'threadId'], transaction });
  if (!post) return null;
  const thread = await Thread.findOne({ where: { id: post.threadId, deletedAt: null }, attributes: ['visibility', 'authorId'], transaction });
  if (!thread || (thread.visibility === 'private' && thread.authorId !== recipientUserId)) return null;
  const text = htmlToText(post.bodyHtml);
  return text ? excerpt(text, EXCERPT_CHARS) : null;
}
