import { DataTypes, Model, type Sequelize, type Transaction } from 'sequelize';
import { hasActivityListeners, notifyActivity, notifyActivityRows } from './listeners';
import { retryTransaction } from '../db/retry';

/**
 * The append-only activity log: who did what, where, when. It feeds analytics, participation
 * scores and PD hours; rows are never updated or deleted by the application, except that
 * retention (src/privacy/retention.ts) reduces an old row's detail and marks it `detailReduced`.
 */
export class Activity extends Model {
  declare id: number;
  declare communityId: number;
  declare userId: number | null;
  declare membershipId: number | null;
  declare verb: string;
  declare subjectType: string | null;
  declare subjectId: number | null;
  declare data: string | null;
  declare detailReduced: boolean;
  declare createdAt: Date;
}

export function initActivityModels(sequelize: Sequelize): void {
  Activity.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      userId: DataTypes.INTEGER,
      membershipId: DataTypes.INTEGER,
      verb: { type: DataTypes.STRING(64), allowNull: false },
      subjectType: DataTypes.STRING(32),
      subjectId: DataTypes.INTEGER,
      data: DataTypes.TEXT,
      detailReduced: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    { sequelize, tableName: 'activities', underscored: true, updatedAt: false },
  );
  // Bulk inserts skip recordActivity: what must follow every row still does (listeners.ts).
  Activity.addHook('afterBulkCreate', 'activity.rows', async (rows: Activity[], options: { transaction?: Transaction | null }) => {
    await notifyActivityRows(rows, options.transaction ?? undefined);
  });
}

export interface ActivityInput {
  communityId: number;
  userId?: number | null;
  membershipId?: number | null;
  verb: string;
  subject?: { type: string; id: number };
  data?: Record<string, unknown>;
}

/**
 * Append one activity row, inside the caller's transaction, then call the activity listeners
 * (src/activity/listeners.ts) in that same transaction. Without a transaction, one is opened so
 * the row and what the listeners write still commit together.
 */
export async function recordActivity(input: ActivityInput, transaction?: Transaction): Promise<void> {
  if (!transaction && hasActivityListeners()) {
    await retryTransaction(Activity.sequelize!, (t) => recordActivity(input, t));
    return;
  }
  const row = await Activity.create(
    {
      communityId: input.communityId,
      userId: input.userId ?? null,
      membershipId: input.membershipId ?? null,
      verb: input.verb,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      data: input.data ? JSON.stringify(input.data) : null,
    },
    { transaction },
  );
  if (transaction) await notifyActivity(row, transaction);
}
