import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/**
 * A member's flag on a post for the facilitators (src/discussions/flags.ts): one per (post,
 * member); open until a facilitator hides the post or dismisses the flag.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('post_flags', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    post_id: ref('posts', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    reason: { type: DataTypes.STRING(16), allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    resolved_at: { type: DataTypes.DATE, allowNull: true },
    resolved_by: { type: DataTypes.INTEGER, allowNull: true },
    resolution: { type: DataTypes.STRING(16), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('post_flags', ['post_id', 'membership_id'], { name: 'post_flags_post_member_uq', unique: true });
  await qi.addIndex('post_flags', ['community_id', 'resolved_at'], { name: 'post_flags_community_open_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('post_flags');
};
