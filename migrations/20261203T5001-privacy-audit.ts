import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId } from '../src/db/migration-helpers';

/**
 * What was done under the privacy rules (exports, erasures, retention runs), without personal
 * data: no name, no e-mail, no LMS id, no foreign key to the person; counts and request ids only.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('privacy_audit', {
    id: bigId,
    action: { type: DataTypes.STRING(32), allowNull: false },
    // member | facilitator | cli | worker
    actor: { type: DataTypes.STRING(16), allowNull: false },
    request_id: { type: DataTypes.INTEGER, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('privacy_audit', ['created_at'], { name: 'privacy_audit_created_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('privacy_audit');
};
