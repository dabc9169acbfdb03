/**
 * Who is told of what (issue 19): every event that concerns someone, the notification kind it
 * produces, the template variant, who receives it — in one table, listed in src/features.ts from
 * the rows each feature declares next to its code (e.g. mentoring/coverage.ts). The bell always
 * shows it; an e-mail follows each recipient's preference for the kind (kinds.ts: immediate, daily
 * or weekly digest, off). Rows marked `listener` are delivered by the activity listener made here,
 * inside the transaction of their cause, with the feature's resolver; the others are sent by the
 * feature file named in `sentBy` (their recipients depend on what only that feature knows:
 * mentions, addressees, voters). Notifications name no feature: features call them. A test walks
 * the table (test/notifications/coverage.test.ts): each row's event produces its notification.
 */
import { Op, type Transaction } from 'sequelize';
import type { ActivityListener, ActivityRow as Activity } from '../activity/listeners';
import { Membership } from '../kernel/community';
import { notify } from './service';
import type { NotificationKind } from './kinds';

/** What an activity row says, parsed once for the resolvers. */
export interface EventFacts {
  activity: Activity;
  data: Record<string, unknown>;
  transaction: Transaction;
}

/** One notification to send: recipients (memberships), who caused it, template values, where it leads. */
export interface Delivery {
  recipients: number[];
  actorMembershipId: number | null;
  params: Record<string, string | number>;
  link: string;
  subject?: { type: string; id: number };
}

export interface CoverageRow {
  /** The activity verb (or, for reminders, the job) that causes it. */
  event: string;
  kind: NotificationKind;
  /** The template variant (notifications.kinds.<kind>_<context>), when not the base one. */
  context?: string;
  /** Who is told, in words. */
  audience: string;
  /** 'listener' (delivered by the listener made here), or the file that calls notify() for this event. */
  sentBy: 'listener' | string;
  /** For listener rows: the delivery, or null when nobody is concerned (e.g. a goal marked undone). */
  resolve?: (f: EventFacts) => Promise<Delivery | null>;
}

/** Active facilitators of a community (co-facilitators included). */
export async function facilitators(communityId: number, transaction: Transaction): Promise<number[]> {
  const rows = await Membership.findAll({
    where: { communityId, status: 'active', [Op.or]: [{ roleOverride: 'facilitator' }, { roleOverride: null, role: 'facilitator' }] },
    attributes: ['id'],
    transaction,
  });
  return rows.map((m) => m.id);
}

/** A whole number from an activity's data (an id, minutes), or null. */
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** The activity listener that delivers the table's listener rows for the activity's verb. */
export function coverageListener(table: readonly CoverageRow[]): ActivityListener {
  return (activity, transaction) => notifyForActivity(table, activity, transaction);
}

async function notifyForActivity(table: readonly CoverageRow[], activity: Activity, transaction: Transaction): Promise<void> {
  const rows = table.filter((r) => r.sentBy === 'listener' && r.event === activity.verb);
  if (rows.length === 0) return;
  let data: Record<string, unknown> = {};
  try {
    data = activity.data ? (JSON.parse(activity.data) as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  for (const row of rows) {
    const d = await row.resolve!({ activity, data, transaction });
    if (!d || d.recipients.length === 0) continue;
    await notify(transaction, {
      communityId: activity.communityId,
      recipients: d.recipients,
      kind: row.kind,
      actorMembershipId: d.actorMembershipId,
      subject: d.subject,
      params: row.context ? { ...d.params, context: row.context } : d.params,
      link: d.link,
    });
  }
}

