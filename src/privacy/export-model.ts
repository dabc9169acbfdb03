import { DataTypes, Model, type Sequelize } from 'sequelize';
import type { Lang } from '../i18n';

/** A data export prepared in the background, for its member alone, until it expires. */
export class PrivacyExport extends Model {
  declare id: number;
  declare userId: number;
  declare membershipId: number;
  declare status: 'queued' | 'running' | 'ready' | 'failed';
  declare progress: number;
  declare lang: Lang;
  declare fileKey: string | null;
  declare size: number | null;
  declare leaseUntil: Date | null;
  declare expiresAt: Date | null;
  declare createdAt: Date;
}

export function initExportModel(sequelize: Sequelize): void {
  PrivacyExport.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      membershipId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      progress: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lang: { type: DataTypes.STRING(8), allowNull: false },
      fileKey: DataTypes.STRING(64),
      size: DataTypes.INTEGER,
      leaseUntil: DataTypes.DATE,
      expiresAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'privacy_exports', underscored: true },
  );
}
