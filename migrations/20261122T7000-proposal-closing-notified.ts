import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * When the "voting closes soon" reminder of a proposal was claimed (issue #8). The reminder job
 * claims it with `UPDATE … SET closing_notified_at = now WHERE id = ? AND closing_notified_at IS NULL`,
 * so two workers never remind twice. The existing (status, deadline) index serves the job's scan.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('proposals', 'closing_notified_at', { type: DataTypes.DATE, allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table
  // and would fire the ON DELETE actions of votes and charter versions.
  await sequelize.query('ALTER TABLE proposals DROP COLUMN closing_notified_at');
};
