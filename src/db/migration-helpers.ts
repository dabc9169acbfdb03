import { DataTypes } from 'sequelize';

/** Columns every table has; timestamps in UTC. */
export const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

export const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
export const bigId = { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true };

/** A foreign key to `table.id`, named explicitly. */
export function ref(table: string, opts: { allowNull?: boolean; onDelete?: 'CASCADE' | 'SET NULL' | 'RESTRICT' } = {}) {
  return {
    type: DataTypes.INTEGER,
    allowNull: opts.allowNull ?? false,
    references: { model: table, key: 'id' },
    onDelete: opts.onDelete ?? 'RESTRICT',
  };
}
