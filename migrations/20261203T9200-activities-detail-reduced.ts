import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * Whether retention already reduced a row's detail (src/privacy/retention.ts). It used to tell by
 * reading every old row's JSON for `"reduced":true`, a scan of the whole old log on each run; the
 * flag and its index let it go straight to the rows still to reduce. Rows reduced before are
 * marked by the same test the job used, once.
 */
export const up: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.addColumn('activities', 'detail_reduced', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await sequelize.query(`UPDATE activities SET detail_reduced = ? WHERE data LIKE '%"reduced":true%'`, { replacements: [true] });
  await qi.addIndex('activities', ['detail_reduced'], { name: 'activities_detail_reduced_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi, sequelize } }) => {
  await qi.removeIndex('activities', 'activities_detail_reduced_ix');
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): a table rebuild would fire ON DELETE actions.
  await sequelize.query('ALTER TABLE activities DROP COLUMN detail_reduced');
};
