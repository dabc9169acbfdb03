import { DataTypes, Model, type Sequelize } from 'sequelize';
import { jsonText } from '../db/json';

/** One OIDC login initiation: binds the launch's state to the nonce we sent (LTI Security Framework §5.1.1.3). */
export class LtiLogin extends Model {
  declare state: string;
  declare nonce: string;
  declare issuer: string;
  declare clientId: string | null;
  declare params: Record<string, string>;
  declare usedAt: Date | null;
  declare createdAt: Date;
}

export function initLoginModels(sequelize: Sequelize): void {
  LtiLogin.init(
    {
      state: { type: DataTypes.STRING(128), primaryKey: true },
      nonce: { type: DataTypes.STRING(128), allowNull: false },
      issuer: { type: DataTypes.STRING(255), allowNull: false },
      clientId: DataTypes.STRING(255),
      params: jsonText('params', {} as Record<string, string>),
      usedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'lti_logins', underscored: true, updatedAt: false },
  );
}
