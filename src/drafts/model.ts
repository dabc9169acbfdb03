import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';

/** A member's unsent text in one form (its action path), kept by the server. */
export class Draft extends Model {
  declare id: number;
  declare membershipId: number;
  declare formKey: string;
  declare fields: Record<string, string>;
  declare updatedAt: Date;
}

export function initDraftModels(sequelize: Sequelize): void {
  Draft.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      formKey: { type: DataTypes.STRING(200), allowNull: false },
      fields: jsonText('fields', {} as Record<string, string>),
    },
    { sequelize, tableName: 'drafts', underscored: true, createdAt: false },
  );
}
