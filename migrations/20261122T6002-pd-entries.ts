import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/**
 * The professional-development hours ledger: confirmed meeting attendance, declared activities
 * (approved or returned by a facilitator) and manual entries. Lines are never deleted: a revoked
 * attendance or a mistaken entry is withdrawn, with who, when and why.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('pd_entries', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    cohort_id: ref('cohorts', { onDelete: 'CASCADE' }),
    membership_id: ref('memberships', { onDelete: 'CASCADE' }),
    user_id: ref('users', { onDelete: 'CASCADE' }),
    // meeting | declared | manual
    source: { type: DataTypes.STRING(16), allowNull: false },
    category: { type: DataTypes.STRING(32), allowNull: false },
    minutes: { type: DataTypes.INTEGER, allowNull: false },
    date: { type: DataTypes.DATEONLY, allowNull: false },
    title: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: true },
    // meeting | thread | resource | url
    evidence_type: { type: DataTypes.STRING(32), allowNull: true },
    evidence_id: { type: DataTypes.INTEGER, allowNull: true },
    evidence_url: { type: DataTypes.STRING(1024), allowNull: true },
    activity_id: { type: DataTypes.BIGINT, allowNull: true },
    // pending | approved | returned | withdrawn
    status: { type: DataTypes.STRING(16), allowNull: false },
    created_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    reviewed_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    reviewed_at: { type: DataTypes.DATE, allowNull: true },
    review_note: { type: DataTypes.STRING(1000), allowNull: true },
    withdrawn_by: ref('users', { allowNull: true, onDelete: 'SET NULL' }),
    withdrawn_at: { type: DataTypes.DATE, allowNull: true },
    withdrawn_reason: { type: DataTypes.STRING(1000), allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('pd_entries', ['community_id', 'status'], { name: 'pd_entries_community_ix' });
  await qi.addIndex('pd_entries', ['user_id', 'date'], { name: 'pd_entries_user_date_ix' });
  await qi.addIndex('pd_entries', ['cohort_id', 'date'], { name: 'pd_entries_cohort_date_ix' });
  await qi.addIndex('pd_entries', ['membership_id', 'source', 'evidence_id'], { name: 'pd_entries_evidence_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('pd_entries');
};
