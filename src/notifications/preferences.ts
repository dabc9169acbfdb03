import { Op, type Transaction } from 'sequelize';
import { NotificationPreference } from './model';
import {
  NOTIFICATION_KINDS, FACILITATOR_DIGEST, defaultDelivery,
  type Delivery, type NotificationKind, type PreferenceKey, type UnsubscribeTarget,
} from './kinds';
import { recordActivity } from '../activity/model';
import type { Membership } from '../kernel/community';
import type { Actor } from '../kernel/actor';

export type PreferenceMap = Record<PreferenceKey, Delivery>;

/** Every preference of one member, defaults filled in. */
export async function preferencesOf(membershipId: number, transaction?: Transaction): Promise<PreferenceMap> {
  const rows = await NotificationPreference.findAll({ where: { membershipId }, transaction });
  const out = {} as PreferenceMap;
  for (const key of [...NOTIFICATION_KINDS, FACILITATOR_DIGEST] as PreferenceKey[]) out[key] = defaultDelivery(key);
  for (const r of rows) if (r.kind in out) out[r.kind] = r.delivery;
  return out;
}

/** The delivery of one kind for many recipients at once (one query), defaults filled in. */
export async function deliveriesFor(membershipIds: number[], key: PreferenceKey, transaction?: Transaction): Promise<Map<number, Delivery>> {
  const out = new Map<number, Delivery>(membershipIds.map((id) => [id, defaultDelivery(key)]));
  if (membershipIds.length === 0) return out;
  const rows = await NotificationPreference.findAll({ where: { membershipId: { [Op.in]: membershipIds }, kind: key }, transaction });
  for (const r of rows) out.set(r.membershipId, r.delivery);
  return out;
}

/** Replace a member's preferences: only choices that differ from the default are stored. */
export async function savePreferences(actor: Actor, prefs: Partial<PreferenceMap>, transaction: Transaction): Promise<void> {
  const keys = Object.keys(prefs) as PreferenceKey[];
  await NotificationPreference.destroy({ where: { membershipId: actor.membershipId, kind: { [Op.in]: keys } }, transaction });
  const rows = keys.filter((k) => prefs[k] !== defaultDelivery(k)).map((k) => ({ membershipId: actor.membershipId, kind: k, delivery: prefs[k]! }));
  if (rows.length) await NotificationPreference.bulkCreate(rows, { transaction });
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'notifications.preferences', data: { changed: rows.length } },
    transaction,
  );
}

/** Which preference keys an unsubscribe link turns off, given the member's current choices. */
export function unsubscribeKeys(target: UnsubscribeTarget, current: PreferenceMap): PreferenceKey[] {
  if (target === 'digest.daily' || target === 'digest.weekly') {
    const frequency: Delivery = target === 'digest.daily' ? 'daily' : 'weekly';
    return NOTIFICATION_KINDS.filter((k: NotificationKind) => current[k] === frequency);
  }
  return [target];
}

/** Apply an unsubscribe link (signature already checked): those e-mails stop; in-tool notifications stay. */
export async function unsubscribe(member: Membership, target: UnsubscribeTarget, transaction: Transaction): Promise<PreferenceKey[]> {
  const current = await preferencesOf(member.id, transaction);
  const keys = unsubscribeKeys(target, current);
  for (const kind of keys) {
    await NotificationPreference.destroy({ where: { membershipId: member.id, kind }, transaction });
    await NotificationPreference.create({ membershipId: member.id, kind, delivery: 'off' }, { transaction });
  }
  await recordActivity(
    { communityId: member.communityId, userId: member.userId, membershipId: member.id, verb: 'notifications.unsubscribe', data: { target, kinds: keys } },
    transaction,
  );
  return keys;
}
