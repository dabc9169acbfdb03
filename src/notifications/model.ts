import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';
import { Membership } from '../kernel/community';
import type { Delivery, NotificationKind, PreferenceKey } from './kinds';

/** One in-tool notification for one recipient membership; the message is rendered when shown, in the reader's language. */
export class Notification extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare actorMembershipId: number | null;
  declare kind: NotificationKind;
  declare subjectType: string | null;
  declare subjectId: number | null;
  declare params: Record<string, string | number>;
  declare link: string;
  declare readAt: Date | null;
  declare emailedAt: Date | null;
  declare createdAt: Date;
  declare membership?: Membership;
}

/** A member's delivery choice for one kind; absent rows mean the default (see kinds.ts). */
export class NotificationPreference extends Model {
  declare id: number;
  declare membershipId: number;
  declare kind: PreferenceKey;
  declare delivery: Delivery;
}

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type EmailCategory = 'notification' | 'digest.daily' | 'digest.weekly' | 'digest.facilitator';

/** An outgoing e-mail: written with its cause, sent by the worker with retries and backoff. */
export class EmailOutbox extends Model {
  declare id: number;
  declare communityId: number | null;
  declare membershipId: number | null;
  declare category: EmailCategory;
  declare toAddress: string;
  declare subject: string;
  declare textBody: string;
  declare htmlBody: string;
  declare headers: Record<string, string>;
  declare status: EmailStatus;
  declare attempts: number;
  declare nextAttemptAt: Date;
  declare claimToken: string | null;
  declare claimedAt: Date | null;
  declare lastError: string | null;
  declare sentAt: Date | null;
  declare createdAt: Date;
}

/** A digest sent to a member for a period; unique on (membership, digest, period) so a restart never sends twice. */
export class DigestRun extends Model {
  declare id: number;
  declare membershipId: number;
  declare digest: 'daily' | 'weekly' | 'facilitator';
  declare period: string;
  declare emailId: number | null;
  declare createdAt: Date;
}

export function initNotificationModels(sequelize: Sequelize): void {
  Notification.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      actorMembershipId: DataTypes.INTEGER,
      kind: { type: DataTypes.STRING(32), allowNull: false },
      subjectType: DataTypes.STRING(32),
      subjectId: DataTypes.INTEGER,
      params: jsonText('params', {}),
      link: { type: DataTypes.STRING(1024), allowNull: false },
      readAt: DataTypes.DATE,
      emailedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'notifications', underscored: true, updatedAt: false },
  );
  NotificationPreference.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      delivery: { type: DataTypes.STRING(16), allowNull: false },
    },
    { sequelize, tableName: 'notification_preferences', underscored: true },
  );
  EmailOutbox.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      communityId: DataTypes.INTEGER,
      membershipId: DataTypes.INTEGER,
      category: { type: DataTypes.STRING(32), allowNull: false },
      toAddress: { type: DataTypes.STRING(320), allowNull: false },
      subject: { type: DataTypes.STRING(255), allowNull: false },
      textBody: { type: DataTypes.TEXT, allowNull: false },
      htmlBody: { type: DataTypes.TEXT, allowNull: false },
      headers: jsonText('headers', {}),
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
      claimToken: DataTypes.STRING(64),
      claimedAt: DataTypes.DATE,
      lastError: DataTypes.STRING(1024),
      sentAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'email_outbox', underscored: true },
  );
  DigestRun.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      digest: { type: DataTypes.STRING(16), allowNull: false },
      period: { type: DataTypes.STRING(16), allowNull: false },
      emailId: DataTypes.BIGINT,
    },
    { sequelize, tableName: 'digest_runs', underscored: true, updatedAt: false },
  );
  Notification.belongsTo(Membership, { foreignKey: 'membershipId', as: 'membership' });
}
