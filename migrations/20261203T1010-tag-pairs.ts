import { DataTypes } from 'sequelize';
import type { Migration } from '../src/db/migrator';

/** A tag's counterpart in the other language ("Évaluation" ↔ "Assessment"), linked by a facilitator. */
export const up: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.addColumn('tags', 'pair_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'tags', key: 'id' }, onDelete: 'SET NULL' });
};

export const down: Migration = async ({ context: { queryInterface: qi } }) => {
  await qi.removeColumn('tags', 'pair_id');
};
