import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId } from '../src/db/migration-helpers';

/**
 * Storage for ltijs's own records (keys, access tokens, nonces, state, id tokens) behind our
 * database plugin, plus the login attempts we record to bind each launch to its login.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  // Keys and tokens can pass 64 KiB on MySQL's TEXT; SQLite has one TEXT type.
  const longText = sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;
  await qi.createTable('lti_records', {
    id: bigId,
    collection: { type: DataTypes.STRING(24), allowNull: false },
    // sha256 of the collection's natural key (e.g. platformUrl+clientId+scopes for access tokens).
    key_hash: { type: DataTypes.CHAR(64), allowNull: false },
    kid: { type: DataTypes.STRING(64), allowNull: true },
    url_hash: { type: DataTypes.CHAR(64), allowNull: true },
    idx: { type: DataTypes.TEXT, allowNull: false },
    data: { type: longText, allowNull: false },
    encrypted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    expires_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('lti_records', ['collection', 'key_hash'], { unique: true, name: 'lti_records_key_uq' });
  await qi.addIndex('lti_records', ['collection', 'kid'], { name: 'lti_records_kid_ix' });
  await qi.addIndex('lti_records', ['collection', 'url_hash'], { name: 'lti_records_url_ix' });
  await qi.addIndex('lti_records', ['expires_at'], { name: 'lti_records_expires_ix' });

  await qi.createTable('lti_logins', {
    state: { type: DataTypes.STRING(128), primaryKey: true },
    nonce: { type: DataTypes.STRING(128), allowNull: false },
    issuer: { type: DataTypes.STRING(255), allowNull: false },
    client_id: { type: DataTypes.STRING(255), allowNull: true },
    // The original login-initiation parameters, to offer "continue in a new tab" when cookies are refused.
    params: { type: DataTypes.TEXT, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('lti_logins', ['created_at'], { name: 'lti_logins_created_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('lti_logins');
  await qi.dropTable('lti_records');
};
