import { DataTypes, Model, type Sequelize } from 'sequelize';

/** A facilitator's manual adjustment of a member's points, with its reason. */
export class ScoreAdjustment extends Model {
  declare id: number;
  declare communityId: number;
  declare membershipId: number;
  declare points: number;
  declare reason: string;
  declare createdBy: number | null;
  declare createdAt: Date;
}

/** Bind the participation model (manual adjustments). */
export function initParticipationModels(sequelize: Sequelize): void {
  ScoreAdjustment.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      points: { type: DataTypes.DOUBLE, allowNull: false },
      reason: { type: DataTypes.STRING(500), allowNull: false },
      createdBy: DataTypes.INTEGER,
    },
    { sequelize, tableName: 'score_adjustments', underscored: true },
  );
}
