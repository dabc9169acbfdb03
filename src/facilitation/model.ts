import { DataTypes, Model, type Sequelize } from 'sequelize';

/** A facilitator's "done" or "snooze" on one to-do entry: hidden until `until` (null: done for good). */
export class TodoSnooze extends Model {
  declare id: number;
  declare membershipId: number;
  declare itemKey: string;
  declare until: Date | null;
  declare createdAt: Date;
}

export function initFacilitationModels(sequelize: Sequelize): void {
  TodoSnooze.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      itemKey: { type: DataTypes.STRING(64), allowNull: false },
      until: DataTypes.DATE,
    },
    { sequelize, tableName: 'todo_snoozes', underscored: true, updatedAt: false },
  );
}
