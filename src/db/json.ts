import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

/**
 * A TEXT column holding JSON. Portable on SQLite and MariaDB (MariaDB's JSON type comes back as a
 * string through mysql2, so we parse and serialise ourselves).
 */
export function jsonText<T>(field: string, fallback: T): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull: false,
    defaultValue: JSON.stringify(fallback),
    get(this: Model): T {
      const raw = this.getDataValue(field as never) as unknown;
      if (raw === null || raw === undefined || raw === '') return fallback;
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : (raw as T);
    },
    set(this: Model, value: T) {
      this.setDataValue(field as never, JSON.stringify(value ?? fallback) as never);
    },
  };
}
