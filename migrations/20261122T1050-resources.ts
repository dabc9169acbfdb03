import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** The resource library (links, video links, uploaded files) and "I used this" endorsements. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('resources', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    author_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    // The resource's comment thread (threads.kind = 'resource').
    thread_id: ref('threads', { allowNull: true, onDelete: 'SET NULL' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    url: { type: DataTypes.STRING(2048), allowNull: true },
    description_md: { type: DataTypes.TEXT('medium'), allowNull: false },
    description_html: { type: DataTypes.TEXT('medium'), allowNull: false },
    text_length: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    audience: { type: DataTypes.STRING(120), allowNull: true },
    // Files: an opaque storage key (never the uploaded name), the download name, our own MIME type.
    file_key: { type: DataTypes.STRING(100), allowNull: true },
    file_name: { type: DataTypes.STRING(255), allowNull: true },
    file_type: { type: DataTypes.STRING(100), allowNull: true },
    file_size: { type: DataTypes.INTEGER, allowNull: true },
    endorsement_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    deleted_at: { type: DataTypes.DATE, allowNull: true },
    hidden_at: { type: DataTypes.DATE, allowNull: true },
    hidden_by: { type: DataTypes.INTEGER, allowNull: true },
    hidden_reason: { type: DataTypes.STRING(500), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('resources', ['community_id', 'created_at'], { name: 'resources_newest_ix' });
  await qi.addIndex('resources', ['community_id', 'endorsement_count', 'created_at'], { name: 'resources_endorsed_ix' });
  await qi.addIndex('resources', ['author_id'], { name: 'resources_author_ix' });

  await qi.createTable('resource_endorsements', {
    id,
    resource_id: ref('resources', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('resource_endorsements', ['resource_id', 'user_id'], { unique: true, name: 'resource_endorsements_uq' });
  await qi.addIndex('resource_endorsements', ['user_id'], { name: 'resource_endorsements_user_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('resource_endorsements');
  await qi.dropTable('resources');
};
