import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/** "Follow a member": their new contributions show on my home. Memberships, so it stays inside one community. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('member_follows', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    follower_id: ref('memberships', { onDelete: 'CASCADE' }),
    followed_id: ref('memberships', { onDelete: 'CASCADE' }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('member_follows', ['follower_id', 'followed_id'], { unique: true, name: 'member_follows_uq' });
  await qi.addIndex('member_follows', ['followed_id'], { name: 'member_follows_followed_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('member_follows');
};
