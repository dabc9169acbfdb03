/**
 * Notifications: the API every feature calls to tell members that something concerns them.
 *
 * ```ts
 * import { notify } from '../notifications/service';
 *
 * // called inside the caller's transaction, so a notification is never lost when its cause commits
 * await notify(t, {
 *   communityId,                         // the community the cause belongs to
 *   recipients: [membershipId, …],       // membership ids (not user ids); duplicates are fine
 *   kind: 'reply',                       // a NotificationKind (src/notifications/kinds.ts)
 *   actorMembershipId: actor.id,         // who caused it: never notified, named as {{actor}}
 *   subject: { type: 'thread', id: 12 }, // what it is about (kept for later clean-ups)
 *   params: { title: thread.title },     // values for the FR/EN template notifications.kinds.<kind>
 *   link: `/c/${communityId}/threads/12#post-40`, // app path inside this community
 * });
 * ```
 *
 * Rules: the actor is never notified; recipients are deduplicated; only ACTIVE memberships of
 * `communityId` are notified (others are silently skipped, so passing a whole list is safe);
 * `link` must be a path inside `/c/<communityId>` (else it throws: a programming error).
 * Templates use `{{actor}}` (filled from actorMembershipId when not given), `{{title}}`, and for
 * meetings `{{when}}` (pass an ISO date-time: it is shown in the reader's language and zone).
 * A `context` param picks a variant of the kind's template (i18next context: `params.context =
 * 'cancelled'` reads `notifications.kinds.meeting.changed_cancelled`, falling back to the base
 * template), so a variant with extra params is translated when shown, in the reader's language.
 * E-mail follows each recipient's preference: immediate e-mails are queued in the same
 * transaction (email_outbox), daily/weekly ones go in the digests, "off" sends none. The
 * in-tool notification (bell, notifications page) is always written.
 */
import { Op, type Transaction } from 'sequelize';
import { Community, Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { Notification } from './model';
import { isNotificationKind, type NotificationKind } from './kinds';
import { isCommunityPath } from './links';
import { deliveriesFor } from './preferences';
import { canEmail, queueNotificationEmail } from './email';
import { notificationConfig } from './settings';

export type { NotificationKind } from './kinds';

export interface NotifyInput {
  communityId: number;
  recipients: number[];
  kind: NotificationKind;
  actorMembershipId?: number | null;
  subject?: { type: string; id: number };
  params?: Record<string, string | number>;
  link: string;
}

/** Notify members of a community; see the module comment for the rules. Returns the number notified. */
export async function notify(t: Transaction, n: NotifyInput): Promise<number> {
  if (!isNotificationKind(n.kind)) throw new Error(`notify: unknown kind ${String(n.kind)}`);
  if (!isCommunityPath(n.communityId, n.link)) throw new Error(`notify: link must be a path inside /c/${n.communityId}`);
  const ids = [...new Set(n.recipients)].filter((id) => Number.isSafeInteger(id) && id > 0 && id !== n.actorMembershipId);
  if (ids.length === 0) return 0;
  const members = await Membership.findAll({
    where: { id: { [Op.in]: ids }, communityId: n.communityId, status: 'active' },
    include: [{ model: User, as: 'user' }],
    transaction: t,
  });
  if (members.length === 0) return 0;
  const params = await withActor(n, t);
  const deliveries = await deliveriesFor(members.map((m) => m.id), n.kind, t);
  const community = await Community.findByPk(n.communityId, { attributes: ['title'], transaction: t, rejectOnEmpty: true });
  const config = notificationConfig();
  const now = new Date();
  for (const m of members) {
    const recipient = { membershipId: m.id, communityId: n.communityId, user: m.user! };
    const mailNow = deliveries.get(m.id) === 'immediate' && canEmail(recipient);
    await Notification.create(
      {
        communityId: n.communityId,
        membershipId: m.id,
        actorMembershipId: n.actorMembershipId ?? null,
        kind: n.kind,
        subjectType: n.subject?.type ?? null,
        subjectId: n.subject?.id ?? null,
        params,
        link: n.link,
        emailedAt: mailNow ? now : null,
      },
      { transaction: t },
    );
    if (mailNow) await queueNotificationEmail(config, recipient, { kind: n.kind, params, link: n.link, community: community.title }, t);
  }
  return members.length;
}

/** Template values, with `actor` filled from the actor's membership (same community only), strings capped. */
async function withActor(n: NotifyInput, t: Transaction): Promise<Record<string, string | number>> {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.params ?? {})) params[k] = typeof v === 'number' ? v : String(v).slice(0, 300);
  if (params.actor === undefined && n.actorMembershipId) {
    const actor = await Membership.findOne({
      where: { id: n.actorMembershipId, communityId: n.communityId },
      include: [{ model: User, as: 'user' }],
      transaction: t,
    });
    if (actor?.user) params.actor = displayName(actor.user);
  }
  return params;
}
