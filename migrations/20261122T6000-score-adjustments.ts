import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Manual participation adjustments: a facilitator adds or removes points for a member, with a reason. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('score_adjustments', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    points: { type: DataTypes.DOUBLE, allowNull: false },
    reason: { type: DataTypes.STRING(500), allowNull: false },
    created_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    ...timestamps,
  });
  await qi.addIndex('score_adjustments', ['community_id', 'membership_id'], { name: 'score_adjustments_member_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('score_adjustments');
};
