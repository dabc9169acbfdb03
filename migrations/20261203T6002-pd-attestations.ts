import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref } from '../src/db/migration-helpers';

/**
 * PD attestations handed out as PDF (src/pd/attestation.ts): each carries a verification code
 * that the public page /verify/:code confirms (holder, period, total hours, organiser) and nothing else.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('pd_attestations', {
    id,
    code: { type: DataTypes.STRING(16), allowNull: false },
    user_id: ref('users', { onDelete: 'CASCADE' }),
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    cycle_key: { type: DataTypes.STRING(9), allowNull: false },
    total_minutes: { type: DataTypes.INTEGER, allowNull: false },
    holder_name: { type: DataTypes.STRING(255), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('pd_attestations', ['code'], { name: 'pd_attestations_code_uq', unique: true });
  await qi.addIndex('pd_attestations', ['user_id', 'community_id', 'cycle_key'], { name: 'pd_attestations_holder_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('pd_attestations');
};
