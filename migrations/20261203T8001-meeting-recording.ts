import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/**
 * A meeting's recording: a video resource of its community (an uploaded clip or an embedded
 * video link), whose own visibility still decides who sees it. A soft reference: a withdrawn clip
 * simply stops being shown.
 */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('meetings', 'recording_resource_id', { type: DataTypes.INTEGER, allowNull: true });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  // Plain DROP COLUMN: Sequelize's SQLite removeColumn rebuilds the table and would fire the ON DELETE actions of agenda items, RSVPs and attendances.
  await sequelize.query('ALTER TABLE meetings DROP COLUMN recording_resource_id');
};
