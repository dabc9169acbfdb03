import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * When the "meeting starts soon" reminder of a meeting was claimed (issue #8), with the index the
 * reminder job scans (scheduled meetings by start time, across communities). The claim is
 * `UPDATE … SET starting_notified_at = now WHERE id = ? AND starting_notified_at IS NULL`.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('meetings', 'starting_notified_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addIndex('meetings', ['status', 'starts_at'], { name: 'meetings_status_start_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.removeIndex('meetings', 'meetings_status_start_ix');
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table
  // and would fire the ON DELETE actions of agenda items, RSVPs and attendances.
  await sequelize.query('ALTER TABLE meetings DROP COLUMN starting_notified_at');
};
