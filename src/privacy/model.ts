import { DataTypes, Model, type Sequelize, type Transaction } from 'sequelize';
import { initAccessLogModel } from '../activity/access-log';
import { initExportModel } from './export-model';

export type RequestStatus = 'pending' | 'done' | 'cancelled';

/** A member's erasure request; it runs when a facilitator of each of their communities has confirmed. */
export class PrivacyRequest extends Model {
  declare id: number;
  declare userId: number;
  declare kind: 'erasure';
  declare keepContributions: boolean;
  declare status: RequestStatus;
  declare doneAt: Date | null;
  declare createdAt: Date;
}

/** One community's confirmation of a request (approvedAt null: still to confirm). */
export class PrivacyApproval extends Model {
  declare id: number;
  declare requestId: number;
  declare communityId: number;
  declare approvedBy: number | null;
  declare approvedAt: Date | null;
}

/** What was done under the privacy rules, without personal data (counts and request ids only). */
export class PrivacyAudit extends Model {
  declare id: number;
  declare action: string;
  declare actor: 'member' | 'facilitator' | 'cli' | 'worker';
  declare requestId: number | null;
  declare data: string | null;
  declare createdAt: Date;
}

export function initPrivacyModels(sequelize: Sequelize): void {
  PrivacyRequest.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      keepContributions: { type: DataTypes.BOOLEAN, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      doneAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'privacy_requests', underscored: true },
  );
  PrivacyApproval.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      requestId: { type: DataTypes.INTEGER, allowNull: false },
      communityId: { type: DataTypes.INTEGER, allowNull: false },
      approvedBy: DataTypes.INTEGER,
      approvedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'privacy_request_approvals', underscored: true },
  );
  PrivacyAudit.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      action: { type: DataTypes.STRING(32), allowNull: false },
      actor: { type: DataTypes.STRING(16), allowNull: false },
      requestId: DataTypes.INTEGER,
      data: DataTypes.TEXT,
    },
    { sequelize, tableName: 'privacy_audit', underscored: true, updatedAt: false },
  );
  initIncidentModel(sequelize);
  initAccessLogModel(sequelize);
  initExportModel(sequelize);
  PrivacyApproval.belongsTo(PrivacyRequest, { foreignKey: 'requestId', as: 'request' });
  PrivacyRequest.hasMany(PrivacyApproval, { foreignKey: 'requestId', as: 'approvals' });
}

/** Append an audit line (counts and ids only: callers never pass a name, an e-mail or an LMS id). */
export async function audit(action: string, actor: PrivacyAudit['actor'], data: Record<string, unknown>, transaction?: Transaction, requestId: number | null = null): Promise<void> {
  await PrivacyAudit.create({ action, actor, requestId, data: JSON.stringify(data) }, { transaction });
}

/** A confidentiality incident, as the register keeps it (kept at least 5 years, never erased by retention). */
export class PrivacyIncident extends Model {
  declare id: number;
  declare occurredOn: string;
  declare discoveredOn: string;
  declare nature: string;
  declare dataConcerned: string;
  declare peopleConcerned: string;
  declare risk: 'low' | 'serious';
  declare riskAssessment: string;
  declare measures: string;
  declare notifications: string | null;
  declare createdAt: Date;
}

export function initIncidentModel(sequelize: Sequelize): void {
  PrivacyIncident.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      occurredOn: { type: DataTypes.DATEONLY, allowNull: false },
      discoveredOn: { type: DataTypes.DATEONLY, allowNull: false },
      nature: { type: DataTypes.TEXT, allowNull: false },
      dataConcerned: { type: DataTypes.TEXT, allowNull: false },
      peopleConcerned: { type: DataTypes.TEXT, allowNull: false },
      risk: { type: DataTypes.STRING(16), allowNull: false },
      riskAssessment: { type: DataTypes.TEXT, allowNull: false },
      measures: { type: DataTypes.TEXT, allowNull: false },
      notifications: DataTypes.TEXT,
    },
    { sequelize, tableName: 'privacy_incidents', underscored: true },
  );
}
