import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * Where the cohort's course lives in the LMS, from a launch's `launch_presentation.return_url`
 * (cleaned of per-session parameters): e-mail links opened without a session offer a button to it.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('cohorts', 'lms_return_url', { type: DataTypes.STRING(1024), allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table,
  // and dropping `cohorts` would fire the ON DELETE actions of memberships and sessions.
  await sequelize.query('ALTER TABLE cohorts DROP COLUMN lms_return_url');
};
