import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';
import { ref, timestamps } from '../src/db/migration-helpers';

/** A user's time zone preference (meeting times are shown in it; default America/Toronto). */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.createTable('user_time_zones', {
    user_id: { ...ref('users', { onDelete: 'CASCADE' }), primaryKey: true },
    time_zone: { type: DataTypes.STRING(64), allowNull: false },
    ...timestamps,
  });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.dropTable('user_time_zones');
};
