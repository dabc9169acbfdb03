import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, timestamps } from '../src/db/migration-helpers';

/**
 * The register of confidentiality incidents (Québec Law 25: kept at least 5 years). Kept apart
 * from community data: no foreign key to communities or people, never touched by retention.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('privacy_incidents', {
    id,
    occurred_on: { type: DataTypes.DATEONLY, allowNull: false },
    discovered_on: { type: DataTypes.DATEONLY, allowNull: false },
    nature: { type: DataTypes.TEXT, allowNull: false },
    data_concerned: { type: DataTypes.TEXT, allowNull: false },
    people_concerned: { type: DataTypes.TEXT, allowNull: false },
    // low | serious (risk of serious injury: the Commission and the people must be notified)
    risk: { type: DataTypes.STRING(16), allowNull: false },
    risk_assessment: { type: DataTypes.TEXT, allowNull: false },
    measures: { type: DataTypes.TEXT, allowNull: false },
    notifications: { type: DataTypes.TEXT, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('privacy_incidents', ['occurred_on'], { name: 'privacy_incidents_occurred_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('privacy_incidents');
};
