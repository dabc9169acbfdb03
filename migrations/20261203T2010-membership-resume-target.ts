import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * Where a member's next launch should land (issue #16, "links that survive the LMS"): a link from
 * an e-mail opened outside the LMS remembers its target here, and the next launch goes to it.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('memberships', 'resume_path', { type: DataTypes.STRING(500), allowNull: true });
  await qi.addColumn('memberships', 'resume_set_at', { type: DataTypes.DATE, allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): a table rebuild would fire ON DELETE actions.
  await sequelize.query('ALTER TABLE memberships DROP COLUMN resume_set_at');
  await sequelize.query('ALTER TABLE memberships DROP COLUMN resume_path');
};
