import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * Erasure requests (issue "privacy and data rights"): a member asks from "My data", and a
 * facilitator of each of their communities confirms; the erasure runs at the last confirmation.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('privacy_requests', {
    id,
    user_id: ref('users', { onDelete: 'CASCADE' }),
    // erasure (the only kind for now)
    kind: { type: DataTypes.STRING(16), allowNull: false },
    keep_contributions: { type: DataTypes.BOOLEAN, allowNull: false },
    // pending | done | cancelled
    status: { type: DataTypes.STRING(16), allowNull: false },
    done_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('privacy_requests', ['user_id', 'status'], { name: 'privacy_requests_user_ix' });
  await qi.createTable('privacy_request_approvals', {
    id,
    request_id: ref('privacy_requests', { onDelete: 'CASCADE' }),
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    approved_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    approved_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('privacy_request_approvals', ['request_id', 'community_id'], { name: 'privacy_request_approvals_uq', unique: true });
  await qi.addIndex('privacy_request_approvals', ['community_id', 'approved_at'], { name: 'privacy_request_approvals_community_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('privacy_request_approvals');
  await qi.dropTable('privacy_requests');
};
