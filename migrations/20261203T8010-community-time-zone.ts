import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * A community's time zone (issue 18, item 8), chosen at setup and by facilitators: the zone of
 * every member who has not chosen their own (src/content/zone.ts, pickZone). Null: the default.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('communities', 'time_zone', { type: DataTypes.STRING(64), allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): a table rebuild would fire ON DELETE actions.
  await sequelize.query('ALTER TABLE communities DROP COLUMN time_zone');
};
