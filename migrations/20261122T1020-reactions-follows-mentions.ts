import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/** Reactions ("useful", "I tried it"), thread follows and @mentions; unique keys settle double clicks. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('reactions', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    post_id: ref('posts', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('reactions', ['post_id', 'user_id', 'kind'], { unique: true, name: 'reactions_post_user_kind_uq' });

  await qi.createTable('thread_follows', {
    id,
    thread_id: ref('threads', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('thread_follows', ['thread_id', 'user_id'], { unique: true, name: 'thread_follows_uq' });
  await qi.addIndex('thread_follows', ['user_id'], { name: 'thread_follows_user_ix' });

  await qi.createTable('mentions', {
    id,
    post_id: ref('posts', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('mentions', ['post_id', 'user_id'], { unique: true, name: 'mentions_post_user_uq' });
  await qi.addIndex('mentions', ['user_id'], { name: 'mentions_user_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('mentions');
  await qi.dropTable('thread_follows');
  await qi.dropTable('reactions');
};
