import { DataTypes, Model, type Sequelize } from 'sequelize';

/** Where a ledger line comes from. */
export type PdSource = 'meeting' | 'declared' | 'manual';
/** A declared line waits for a facilitator (pending), is approved, or returned for changes; any line can be withdrawn. */
export type PdStatus = 'pending' | 'approved' | 'returned' | 'withdrawn';

/**
 * One line of the professional-development hours ledger. Time is kept in minutes (no rounding
 * drift when hours are added up); lines are never deleted, only withdrawn with a reason.
 */
export class PdEntry extends Model {
  declare id: number;
  declare communityId: number;
  declare cohortId: number;
  declare membershipId: number;
  declare userId: number;
  declare source: PdSource;
  declare category: string;
  declare minutes: number;
  declare date: string;
  declare title: string;
  declare description: string | null;
  declare evidenceType: string | null;
  declare evidenceId: number | null;
  declare evidenceUrl: string | null;
  declare activityId: number | null;
  declare status: PdStatus;
  declare createdBy: number | null;
  declare reviewedBy: number | null;
  declare reviewedAt: Date | null;
  declare reviewNote: string | null;
  declare withdrawnBy: number | null;
  declare withdrawnAt: Date | null;
  declare withdrawnReason: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Bind the PD ledger model. */
export function initPdModels(sequelize: Sequelize): void {
  PdEntry.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      cohortId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      minutes: { type: DataTypes.INTEGER, allowNull: false },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: DataTypes.TEXT,
      evidenceType: DataTypes.STRING(32),
      evidenceId: DataTypes.INTEGER,
      evidenceUrl: DataTypes.STRING(1024),
      activityId: DataTypes.BIGINT,
      status: { type: DataTypes.STRING(16), allowNull: false },
      createdBy: DataTypes.INTEGER,
      reviewedBy: DataTypes.INTEGER,
      reviewedAt: DataTypes.DATE,
      reviewNote: DataTypes.STRING(1000),
      withdrawnBy: DataTypes.INTEGER,
      withdrawnAt: DataTypes.DATE,
      withdrawnReason: DataTypes.STRING(1000),
    },
    { sequelize, tableName: 'pd_entries', underscored: true },
  );
}
