import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * One searchable document per post and per resource, kept in step by the services in the same
 * transaction as the write. Plain text (from the sanitized HTML), never Markdown or HTML.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  // Matching must be accent- and case-insensitive whatever the database's default collation (MariaDB).
  const collation = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };
  const columns = {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    // "post:12" or "resource:4": one row per subject.
    doc_key: { type: DataTypes.STRING(40), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    thread_id: { type: DataTypes.INTEGER, allowNull: true },
    post_id: { type: DataTypes.INTEGER, allowNull: true },
    resource_id: { type: DataTypes.INTEGER, allowNull: true },
    // Set for private journal entries: only this user may find them.
    private_to: { type: DataTypes.INTEGER, allowNull: true },
    title: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' },
    body: { type: DataTypes.TEXT('medium'), allowNull: false },
    ...timestamps,
  };
  await qi.createTable('search_documents', columns, collation);
  await qi.addIndex('search_documents', ['doc_key'], { unique: true, name: 'search_documents_key_uq' });
  await qi.addIndex('search_documents', ['community_id', 'kind'], { name: 'search_documents_community_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('search_documents');
};
