import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * Rate-limit counters (src/web/rate-limit.ts), in the database so that a limit holds across every
 * app process. One row per (rule, subject, fixed window): `bucket` is a SHA-256 of the three, so
 * an address or a user id never appears in clear; `expires_at` lets housekeeping purge old windows.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('rate_limits', {
    bucket: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false },
    hits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expires_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('rate_limits', ['expires_at'], { name: 'rate_limits_expires_ix' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('rate_limits');
};
