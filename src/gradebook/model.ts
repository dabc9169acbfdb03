import { DataTypes, Model, type Sequelize } from 'sequelize';

/** The gradebook columns the tool sends to: participation, and the optional PD hours. */
export type ScoreKind = 'participation' | 'pd_hours';
/** Where an outbox row stands. `unchanged`: the LMS already held that score, nothing was sent. */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'superseded' | 'unchanged';

/**
 * One member's score in one gradebook column of one cohort: the lease (one sender at a time),
 * the last timestamp handed out, and what the LMS last accepted.
 */
export class ScoreSync extends Model {
  declare id: number;
  declare communityId: number;
  declare cohortId: number;
  declare membershipId: number;
  declare userId: number;
  declare kind: ScoreKind;
  declare lastTimestamp: Date | null;
  declare leaseOwner: string | null;
  declare leaseUntil: Date | null;
  declare sentScoreGiven: number | null;
  declare sentScoreMaximum: number | null;
  declare sentComment: string | null;
  declare sentTimestamp: Date | null;
  declare sentAt: Date | null;
}

/** One score change to deliver (written with its cause); its timestamp never changes. */
export class ScoreOutbox extends Model {
  declare id: number;
  declare syncId: number;
  declare communityId: number;
  declare cohortId: number;
  declare membershipId: number;
  declare kind: ScoreKind;
  declare timestamp: Date;
  declare status: OutboxStatus;
  declare cause: string;
  declare scoreGiven: number | null;
  declare scoreMaximum: number | null;
  declare comment: string | null;
  declare activityProgress: string | null;
  declare gradingProgress: string | null;
  declare attempts: number;
  declare nextAttemptAt: Date | null;
  declare lastError: string | null;
  declare lastErrorDetail: string | null;
  declare httpStatus: number | null;
  declare sentAt: Date | null;
  declare createdAt: Date;
}

/** A cohort's gradebook column (AGS line item URL), found, created or given by the launch. */
export class GradeLineItem extends Model {
  declare id: number;
  declare cohortId: number;
  declare kind: ScoreKind;
  declare url: string;
  declare source: 'created' | 'found' | 'launch';
  declare scoreMaximum: number | null;
}

/** Bind the gradebook models: score syncs, the outbox, the columns. */
export function initGradebookModels(sequelize: Sequelize): void {
  ScoreSync.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      lastTimestamp: DataTypes.DATE,
      leaseOwner: DataTypes.STRING(64),
      leaseUntil: DataTypes.DATE,
      sentScoreGiven: DataTypes.DOUBLE,
      sentScoreMaximum: DataTypes.DOUBLE,
      sentComment: DataTypes.TEXT,
      sentTimestamp: DataTypes.DATE,
      sentAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'score_syncs', underscored: true },
  );
  ScoreOutbox.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      syncId: { type: DataTypes.INTEGER, allowNull: false },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      timestamp: { type: DataTypes.DATE, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      cause: { type: DataTypes.STRING(64), allowNull: false },
      scoreGiven: DataTypes.DOUBLE,
      scoreMaximum: DataTypes.DOUBLE,
      comment: DataTypes.TEXT,
      activityProgress: DataTypes.STRING(16),
      gradingProgress: DataTypes.STRING(16),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: DataTypes.DATE,
      lastError: DataTypes.STRING(32),
      lastErrorDetail: DataTypes.STRING(1024),
      httpStatus: DataTypes.INTEGER,
      sentAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'score_outbox', underscored: true },
  );
  GradeLineItem.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      url: { type: DataTypes.STRING(1024), allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      scoreMaximum: DataTypes.DOUBLE,
    },
    { sequelize, tableName: 'grade_line_items', underscored: true },
  );
  ScoreOutbox.belongsTo(ScoreSync, { foreignKey: 'syncId', as: 'sync' });
  ScoreSync.hasMany(ScoreOutbox, { foreignKey: 'syncId', as: 'changes' });
}
