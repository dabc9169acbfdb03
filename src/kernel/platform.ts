import { DataTypes, Model, type Sequelize } from 'sequelize';

export type PlatformKind = 'moodle' | 'canvas' | 'other';

/** A registered LMS: issuer + client id, and its OIDC/OAuth endpoints. */
export class Platform extends Model {
  declare id: number;
  declare keyHash: string;
  declare issuer: string;
  declare clientId: string;
  declare name: string;
  declare kind: PlatformKind;
  declare authUrl: string;
  declare tokenUrl: string;
  declare jwksUrl: string;
  declare authServer: string | null;
  declare active: boolean;
  declare createdAt: Date;
}

/** One deployment of the tool on a platform; stands for an institution. */
export class Deployment extends Model {
  declare id: number;
  declare platformId: number;
  declare deploymentId: string;
  declare name: string | null;
  declare status: 'active' | 'pending';
}

export function initPlatformModels(sequelize: Sequelize): void {
  Platform.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      keyHash: { type: DataTypes.CHAR(64), allowNull: false },
      issuer: { type: DataTypes.STRING(255), allowNull: false },
      clientId: { type: DataTypes.STRING(255), allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      authUrl: { type: DataTypes.STRING(1024), allowNull: false },
      tokenUrl: { type: DataTypes.STRING(1024), allowNull: false },
      jwksUrl: { type: DataTypes.STRING(1024), allowNull: false },
      authServer: { type: DataTypes.STRING(1024), allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false },
    },
    { sequelize, tableName: 'platforms', underscored: true },
  );
  Deployment.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      platformId: { type: DataTypes.INTEGER, allowNull: false },
      deploymentId: { type: DataTypes.STRING(255), allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
    },
    { sequelize, tableName: 'deployments', underscored: true },
  );
  Deployment.belongsTo(Platform, { foreignKey: 'platformId', as: 'platform' });
  Platform.hasMany(Deployment, { foreignKey: 'platformId', as: 'deployments' });
}
