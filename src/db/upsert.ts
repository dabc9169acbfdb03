/**
 * Insert rows, or merge them into the rows already there with the same key, in one statement per
 * chunk on both engines: SQLite's `ON CONFLICT (key) DO UPDATE SET` and MariaDB's `ON DUPLICATE
 * KEY UPDATE`. A table says how each column merges (`Merge`); the two dialects' spellings of each
 * rule are written here once.
 */
import type { Sequelize, Transaction } from 'sequelize';

/**
 * How a column of the row already there takes the incoming row's value:
 * `new` the incoming value; `add` the sum; `min`/`max` the smaller/larger; `increment` one more
 * (the incoming value unused); `null` NULL; `{ ifSame: v }` the incoming value only while column
 * `v` still holds the incoming row's `v` (an optimistic check), else unchanged.
 */
export type Merge = 'new' | 'add' | 'min' | 'max' | 'increment' | 'null' | { ifSame: string };

export interface UpsertSpec {
  table: string;
  columns: readonly string[];
  /** The unique key a conflict is on (SQLite names it; MariaDB uses whichever unique key collides). */
  key: readonly string[];
  /** The columns a conflict changes, in order: MariaDB's assignments see the ones before them. */
  merge: ReadonlyArray<readonly [string, Merge]>;
}

function assignment(sqlite: boolean, table: string, column: string, merge: Merge): string {
  const old = sqlite ? `${table}.${column}` : column;
  const incoming = (c: string) => (sqlite ? `excluded.${c}` : `VALUES(${c})`);
  if (typeof merge === 'object') {
    const v = merge.ifSame;
    return sqlite
      ? `CASE WHEN ${table}.${v} = excluded.${v} THEN excluded.${column} ELSE ${old} END`
      : `IF(${v} = VALUES(${v}), VALUES(${column}), ${column})`;
  }
  switch (merge) {
    case 'new':
      return incoming(column);
    case 'add':
      return `${old} + ${incoming(column)}`;
    case 'min':
      return sqlite ? `MIN(${old}, excluded.${column})` : `LEAST(${old}, VALUES(${column}))`;
    case 'max':
      return sqlite ? `MAX(${old}, excluded.${column})` : `GREATEST(${old}, VALUES(${column}))`;
    case 'increment':
      return `${old} + 1`;
    case 'null':
      return 'NULL';
  }
}

/** The statement for `rows` rows of `spec` in the engine's dialect. */
export function upsertSql(dialect: string, spec: UpsertSpec, rows: number): string {
  const sqlite = dialect === 'sqlite';
  const one = `(${spec.columns.map(() => '?').join(', ')})`;
  const set = spec.merge.map(([column, merge]) => `${column} = ${assignment(sqlite, spec.table, column, merge)}`).join(', ');
  const conflict = sqlite ? `ON CONFLICT(${spec.key.join(', ')}) DO UPDATE SET ${set}` : `ON DUPLICATE KEY UPDATE ${set}`;
  return `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')} ${conflict}`;
}

const CHUNK = 500;

/** Write `rows` (each the values of `spec.columns`, in order), merging into existing rows: one statement per chunk. */
export async function upsertRows(sequelize: Sequelize, spec: UpsertSpec, rows: ReadonlyArray<readonly unknown[]>, transaction?: Transaction): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await sequelize.query(upsertSql(sequelize.getDialect(), spec, chunk.length), { replacements: chunk.flat(), transaction });
  }
}
