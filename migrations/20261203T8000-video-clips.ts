import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Video of practice: who sees a resource (`resources.visibility`: null or community, facilitators,
 * members — the chosen ones in `resource_viewers`), an uploaded clip's consent and poster, its
 * WebVTT captions per language and its time-coded comments (with replies).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('resources', 'visibility', { type: DataTypes.STRING(16), allowNull: true });
  await qi.createTable('resource_viewers', {
    id,
    resource_id: ref('resources', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('resource_viewers', ['resource_id', 'membership_id'], { name: 'resource_viewers_uq', unique: true });
  await qi.addIndex('resource_viewers', ['membership_id'], { name: 'resource_viewers_member_ix' });
  await qi.createTable('video_clips', {
    id,
    resource_id: ref('resources', { onDelete: 'CASCADE' }),
    consent_at: { type: DataTypes.DATE, allowNull: false },
    poster_key: { type: DataTypes.STRING(100), allowNull: true },
    poster_type: { type: DataTypes.STRING(100), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('video_clips', ['resource_id'], { name: 'video_clips_resource_uq', unique: true });
  await qi.createTable('video_captions', {
    id,
    resource_id: ref('resources', { onDelete: 'CASCADE' }),
    lang: { type: DataTypes.STRING(8), allowNull: false },
    file_key: { type: DataTypes.STRING(100), allowNull: false },
    // the cues' text, for the transcript and search
    text: { type: DataTypes.TEXT('medium'), allowNull: false },
    ...timestamps,
  });
  await qi.addIndex('video_captions', ['resource_id', 'lang'], { name: 'video_captions_lang_uq', unique: true });
  await qi.createTable('video_comments', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    resource_id: ref('resources', { onDelete: 'CASCADE' }),
    author_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    parent_id: ref('video_comments', { allowNull: true, onDelete: 'CASCADE' }),
    at_seconds: { type: DataTypes.INTEGER, allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    deleted_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('video_comments', ['resource_id', 'at_seconds'], { name: 'video_comments_time_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.dropTable('video_comments');
  await qi.dropTable('video_captions');
  await qi.dropTable('video_clips');
  await qi.dropTable('resource_viewers');
  // Plain DROP COLUMN: Sequelize's SQLite removeColumn rebuilds the table and would fire the ON DELETE actions of what points at resources.
  await sequelize.query('ALTER TABLE resources DROP COLUMN visibility');
};
