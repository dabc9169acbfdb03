import { Op, type Transaction } from 'sequelize';
import { Notification } from './model';
import type { Actor } from '../kernel/actor';
import { recordActivity } from '../activity/model';

export const PAGE_SIZE = 20;

/** The bell: unread notifications of one membership (one COUNT on the (membership_id, read_at) index). */
export async function unreadCount(membershipId: number): Promise<number> {
  return Notification.count({ where: { membershipId, readAt: null } });
}

/** One page of a member's notifications, newest first. */
export async function listNotifications(actor: Actor, page: number): Promise<{ rows: Notification[]; total: number; pages: number }> {
  const { rows, count } = await Notification.findAndCountAll({
    where: { membershipId: actor.membershipId, communityId: actor.communityId },
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return { rows, total: count, pages: Math.max(1, Math.ceil(count / PAGE_SIZE)) };
}

/** A member's own notification in this community, or null (another member's, or another community's, is never found). */
export async function findOwnNotification(actor: Actor, id: number): Promise<Notification | null> {
  return Notification.findOne({ where: { id, membershipId: actor.membershipId, communityId: actor.communityId } });
}

/** Opening a notification marks it read (the actor's own: the route found it for them). */
export async function markRead(_actor: Actor, n: Notification, transaction: Transaction): Promise<void> {
  if (!n.readAt) await n.update({ readAt: new Date() }, { transaction });
}

/** "Mark all read": every unread notification of the member in this community. */
export async function markAllRead(actor: Actor, transaction: Transaction): Promise<number> {
  const [count] = await Notification.update(
    { readAt: new Date() },
    { where: { membershipId: actor.membershipId, communityId: actor.communityId, readAt: { [Op.is]: null } }, transaction },
  );
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'notifications.read_all', data: { count } },
    transaction,
  );
  return count;
}
