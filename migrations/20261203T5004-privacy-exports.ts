import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Data exports prepared in the background (long histories): progress, the file under
 * `${DATA_DIR}/exports/`, available to the member alone until it expires (RETENTION_EXPORT_HOURS).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('privacy_exports', {
    id,
    user_id: ref('users', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    // queued | running | ready | failed
    status: { type: DataTypes.STRING(16), allowNull: false },
    progress: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    lang: { type: DataTypes.STRING(8), allowNull: false },
    file_key: { type: DataTypes.STRING(64), allowNull: true },
    size: { type: DataTypes.INTEGER, allowNull: true },
    lease_until: { type: DataTypes.DATE, allowNull: true },
    expires_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('privacy_exports', ['status', 'created_at'], { name: 'privacy_exports_status_ix' });
  await qi.addIndex('privacy_exports', ['user_id'], { name: 'privacy_exports_user_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('privacy_exports');
};
