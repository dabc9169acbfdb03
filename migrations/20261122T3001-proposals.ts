import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { id, ref, timestamps } from '../src/db/migration-helpers';

/** Governance proposals: a decision, a charter amendment or a poll, with a deadline and a decision rule. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('proposals', {
    id,
    community_id: ref('communities', { onDelete: 'CASCADE' }),
    opened_by: ref('memberships', { allowNull: true, onDelete: 'SET NULL' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    rule: { type: DataTypes.STRING(16), allowNull: false },
    quorum_percent: { type: DataTypes.INTEGER, allowNull: true },
    poll_mode: { type: DataTypes.STRING(16), allowNull: true },
    options: { type: DataTypes.TEXT, allowNull: false },
    anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    // Charter amendments: the proposed text and rules, and the version they amend.
    amendment: { type: DataTypes.TEXT, allowNull: true },
    base_version: { type: DataTypes.INTEGER, allowNull: true },
    deadline: { type: DataTypes.DATE, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
    outcome: { type: DataTypes.TEXT, allowNull: true },
    decided_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('proposals', ['community_id', 'status'], { name: 'proposals_community_status_ix' });
  // The closing job looks for open proposals past their deadline.
  await qi.addIndex('proposals', ['status', 'deadline'], { name: 'proposals_status_deadline_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('proposals');
};
