import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { bigId, ref } from '../src/db/migration-helpers';

/**
 * One row per digest sent to a member for a period ("2026-11-23", "2026-W48"): the unique key
 * makes digest jobs idempotent across restarts and safe with several workers.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('digest_runs', {
    id: bigId,
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    // daily | weekly | facilitator
    digest: { type: DataTypes.STRING(16), allowNull: false },
    period: { type: DataTypes.STRING(16), allowNull: false },
    email_id: { type: DataTypes.BIGINT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('digest_runs', ['membership_id', 'digest', 'period'], { unique: true, name: 'digest_runs_member_period_uq' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('digest_runs');
};
