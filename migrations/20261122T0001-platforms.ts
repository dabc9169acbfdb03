import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Registered LMS platforms and their deployments (a deployment stands for an institution). */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('platforms', {
    id,
    // sha256(issuer \n client_id): a short unique key instead of two long strings (MySQL index limits).
    key_hash: { type: DataTypes.CHAR(64), allowNull: false },
    issuer: { type: DataTypes.STRING(255), allowNull: false },
    client_id: { type: DataTypes.STRING(255), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'other' },
    auth_url: { type: DataTypes.STRING(1024), allowNull: false },
    token_url: { type: DataTypes.STRING(1024), allowNull: false },
    jwks_url: { type: DataTypes.STRING(1024), allowNull: false },
    auth_server: { type: DataTypes.STRING(1024), allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  });
  await qi.addIndex('platforms', ['key_hash'], { unique: true, name: 'platforms_key_hash_uq' });

  await qi.createTable('deployments', {
    id,
    platform_id: ref('platforms', { onDelete: 'CASCADE' }),
    deployment_id: { type: DataTypes.STRING(255), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: true },
    // 'active' deployments launch; 'pending' ones (seen at launch or registration) wait for an administrator.
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    ...timestamps,
  });
  await qi.addIndex('deployments', ['platform_id', 'deployment_id'], { unique: true, name: 'deployments_platform_deployment_uq' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('deployments');
  await qi.dropTable('platforms');
};
