import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * Which carrier a session settled on after its launch (issue #16): `cookie` (the partitioned
 * cookie came back) or `tab` (the tab holds the token and sends it as a header). Null until the
 * launch page has checked.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('sessions', 'carrier', { type: DataTypes.STRING(16), allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): no table rebuild.
  await sequelize.query('ALTER TABLE sessions DROP COLUMN carrier');
};
