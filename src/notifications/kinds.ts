/**
 * What members can be notified of (issue #8), how each kind is delivered by e-mail by default,
 * and the choices a member has. Pure data: the preferences page, the schema and the digests
 * all read this one list.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'problem.addressed',
  'problem.matching',
  'mentoring.request',
  'proposal.opened',
  'proposal.closing',
  'proposal.decided',
  'meeting.scheduled',
  'meeting.changed',
  'meeting.starting',
  'pd.approved',
  'pd.returned',
  'story.prompt',
  'showcase.consent',
  'privacy.erasure',
  'privacy.export_ready',
  // Issue 19: every event that concerns someone (the table: coverage.ts, its rows listed in src/features.ts).
  'pd.declared',
  'meeting.attendance',
  'mentoring.answered',
  'mentoring.activity',
  'problem.accepted',
  'post.flagged',
  'post.hidden',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a member receives a kind by e-mail (the in-tool notification is always there). */
export const DELIVERIES = ['immediate', 'daily', 'weekly', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** The facilitators' weekly digest ("the stage, the key numbers and the suggested moves") is a preference too. */
export const FACILITATOR_DIGEST = 'digest.facilitator' as const;
export const FACILITATOR_DELIVERIES = ['weekly', 'off'] as const;
export type PreferenceKey = NotificationKind | typeof FACILITATOR_DIGEST;

/**
 * Things a member is waiting on, and reminders that are useless once late (a vote closing, a
 * meeting starting), get an e-mail at once; the rest waits for the daily digest.
 */
const IMMEDIATE: ReadonlySet<NotificationKind> = new Set(['mention', 'problem.addressed', 'mentoring.request', 'mentoring.answered', 'proposal.closing', 'meeting.starting', 'post.flagged', 'privacy.erasure', 'privacy.export_ready']);

/** The delivery a member has when they never chose. */
export function defaultDelivery(key: PreferenceKey): Delivery {
  if (key === FACILITATOR_DIGEST) return 'weekly';
  return IMMEDIATE.has(key) ? 'immediate' : 'daily';
}

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

/**
 * What an unsubscribe link turns off: one kind (from an immediate e-mail), every kind delivered
 * in a digest of that frequency (from a digest), or the facilitators' digest.
 */
export type UnsubscribeTarget = NotificationKind | 'digest.daily' | 'digest.weekly' | typeof FACILITATOR_DIGEST;

export function isUnsubscribeTarget(v: unknown): v is UnsubscribeTarget {
  return isNotificationKind(v) || v === 'digest.daily' || v === 'digest.weekly' || v === FACILITATOR_DIGEST;
}
