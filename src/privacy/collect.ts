import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { personColumns, OMITTED, type Source } from './graph';

export type Row = Record<string, unknown>;

/** The rows of one table that point at the person, and where they came from. */
export interface TableData {
  table: string;
  source: Source;
  /** The columns through which the rows were found (e.g. posts.author_id). */
  via: string[];
  rows: Row[];
}

export interface PersonalData {
  userId: number;
  membershipIds: number[];
  tables: TableData[];
}

const q = (sequelize: Sequelize, name: string) => sequelize.getQueryInterface().quoteIdentifier(name);

/** A value as JSON can hold it: dates in ISO 8601 (SQLite returns text, MariaDB Date objects). */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** The membership ids of a user (every community, every status). */
export async function membershipIdsOf(sequelize: Sequelize, userId: number, transaction?: Transaction): Promise<number[]> {
  const rows = await sequelize.query<{ id: number }>(`SELECT id FROM memberships WHERE user_id = ?`, { replacements: [userId], type: QueryTypes.SELECT, transaction });
  return rows.map((r) => Number(r.id));
}

/**
 * Everything that points at a user: their row, and every row found through the classified person
 * columns (graph.ts), by the user id or one of their membership ids. Credentials and worker
 * bookkeeping (OMITTED) are left out of the copy.
 */
export async function collectPersonalData(sequelize: Sequelize, userId: number, transaction?: Transaction): Promise<PersonalData> {
  const membershipIds = await membershipIdsOf(sequelize, userId, transaction);
  const byTable = new Map<string, TableData & { keys: Set<string> }>();
  const users = await sequelize.query<Row>(`SELECT * FROM users WHERE id = ?`, { replacements: [userId], type: QueryTypes.SELECT, transaction });
  byTable.set('users', { table: 'users', source: 'lms', via: ['users.id'], rows: users.map(clean('users')), keys: new Set() });
  for (const col of await personColumns(sequelize)) {
    const ids = col.to === 'users' ? [userId] : membershipIds;
    if (!ids.length) continue;
    const rows = await sequelize.query<Row>(`SELECT * FROM ${q(sequelize, col.table)} WHERE ${q(sequelize, col.column)} IN (${ids.map(() => '?').join(',')})`, {
      replacements: ids,
      type: QueryTypes.SELECT,
      transaction,
    });
    if (!rows.length) continue;
    let entry = byTable.get(col.table);
    if (!entry) byTable.set(col.table, (entry = { table: col.table, source: col.source, via: [], rows: [], keys: new Set() }));
    entry.via.push(`${col.table}.${col.column}`);
    for (const row of rows.map(clean(col.table)).map((r) => (col.linkOnly ? linkOf(r, col.column) : r))) {
      // A row found twice (e.g. their own PD entry they also created) is exported once, whole if either way found it whole.
      const key = row.id !== undefined ? `id:${String(row.id)}` : JSON.stringify(row);
      const at = entry.keys.has(key) ? entry.rows.findIndex((r) => (r.id !== undefined ? `id:${String(r.id)}` : JSON.stringify(r)) === key) : -1;
      if (at >= 0) {
        if (!col.linkOnly) entry.rows[at] = row;
        continue;
      }
      entry.keys.add(key);
      entry.rows.push(row);
    }
  }
  const tables = [...byTable.values()].map(({ keys: _keys, ...t }) => t).sort((a, b) => (a.table === 'users' ? -1 : b.table === 'users' ? 1 : a.table.localeCompare(b.table)));
  return { userId, membershipIds, tables };
}

/** What a link-only column exports of someone else's row: that the person is linked, where and when. */
function linkOf(row: Row, column: string): Row {
  return Object.fromEntries(Object.entries(row).filter(([k]) => k === 'id' || k === column || k === 'community_id' || k.endsWith('_at')));
}

function clean(table: string) {
  const omit = new Set(OMITTED[table] ?? []);
  return (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([k]) => !omit.has(k)).map(([k, v]) => [k, plain(v)]));
}

/**
 * How many rows of each table point at the person (the "My data" summary): one COUNT per table
 * over all its person columns, so a row found twice counts once and nothing is read whole.
 */
export async function countPersonalData(sequelize: Sequelize, userId: number): Promise<Array<{ table: string; source: Source; rows: number }>> {
  const membershipIds = await membershipIdsOf(sequelize, userId);
  const byTable = new Map<string, { source: Source; conds: string[]; replacements: number[] }>();
  for (const col of await personColumns(sequelize)) {
    const ids = col.to === 'users' ? [userId] : membershipIds;
    if (!ids.length) continue;
    const entry = byTable.get(col.table) ?? { source: col.source, conds: [], replacements: [] };
    entry.conds.push(`${q(sequelize, col.column)} IN (${ids.map(() => '?').join(',')})`);
    entry.replacements.push(...ids);
    byTable.set(col.table, entry);
  }
  const out: Array<{ table: string; source: Source; rows: number }> = [{ table: 'users', source: 'lms', rows: 1 }];
  for (const [table, e] of byTable) {
    const [row] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${q(sequelize, table)} WHERE ${e.conds.join(' OR ')}`, { replacements: e.replacements, type: QueryTypes.SELECT });
    if (Number(row.n)) out.push({ table, source: e.source, rows: Number(row.n) });
  }
  return out;
}
