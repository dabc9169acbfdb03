import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Threads and posts. One shape for every conversation: kind = discussion | knowledge | journal |
 * resource (a resource's comment thread), and later problem; posts carry a kind (post, rise_above,
 * later lead/solution), a scaffold (knowledge building) and one level of nesting (parent_id).
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('threads', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    author_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    // The opening post (journal entry body, discussion question); null for a resource's comment thread.
    first_post_id: { type: DataTypes.INTEGER, allowNull: true },
    // community | private (private: journal entries only, visible to their author alone).
    visibility: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'community' },
    // Adaptation notes: the thread or resource whose practice the entry transposes.
    source_type: { type: DataTypes.STRING(16), allowNull: true },
    source_id: { type: DataTypes.INTEGER, allowNull: true },
    pinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    locked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    reply_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_post_at: { type: DataTypes.DATE, allowNull: false },
    last_poster_id: { type: DataTypes.INTEGER, allowNull: true },
    // A journal entry deleted by its author leaves lists and search (its comments go with it).
    deleted_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('threads', ['community_id', 'kind', 'pinned', 'last_post_at'], { name: 'threads_list_ix' });
  await qi.addIndex('threads', ['community_id', 'kind', 'created_at'], { name: 'threads_created_ix' });
  await qi.addIndex('threads', ['author_id'], { name: 'threads_author_ix' });
  await qi.addIndex('threads', ['source_type', 'source_id'], { name: 'threads_source_ix' });

  await qi.createTable('posts', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    thread_id: ref('threads', { onDelete: 'CASCADE' }),
    parent_id: { type: DataTypes.INTEGER, allowNull: true },
    quoted_post_id: { type: DataTypes.INTEGER, allowNull: true },
    author_id: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'post' },
    scaffold: { type: DataTypes.STRING(40), allowNull: true },
    body_md: { type: DataTypes.TEXT('medium'), allowNull: false },
    body_html: { type: DataTypes.TEXT('medium'), allowNull: false },
    text_length: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    edited_at: { type: DataTypes.DATE, allowNull: true },
    deleted_at: { type: DataTypes.DATE, allowNull: true },
    hidden_at: { type: DataTypes.DATE, allowNull: true },
    hidden_by: { type: DataTypes.INTEGER, allowNull: true },
    hidden_reason: { type: DataTypes.STRING(500), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('posts', ['thread_id', 'parent_id', 'id'], { name: 'posts_thread_parent_ix' });
  await qi.addIndex('posts', ['thread_id', 'scaffold'], { name: 'posts_thread_scaffold_ix' });
  await qi.addIndex('posts', ['community_id', 'created_at'], { name: 'posts_community_time_ix' });
  await qi.addIndex('posts', ['author_id'], { name: 'posts_author_ix' });

  // A rise-above note and the contributions it synthesizes.
  await qi.createTable('post_links', {
    id,
    post_id: ref('posts', { onDelete: 'CASCADE' }),
    target_post_id: ref('posts', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('post_links', ['post_id', 'target_post_id'], { unique: true, name: 'post_links_uq' });
  await qi.addIndex('post_links', ['target_post_id'], { name: 'post_links_target_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('post_links');
  await qi.dropTable('posts');
  await qi.dropTable('threads');
};
