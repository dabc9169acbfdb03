import assert from 'node:assert/strict';
import { QueryTypes, type Sequelize } from 'sequelize';
import { harness } from '../helpers/harness';
import { upsertRows, type UpsertSpec } from '../../src/db/upsert';

/** Each merge rule of src/db/upsert.ts, on the engine the suite runs on: a row inserted, then merged twice. */
describe('db upsert: insert or merge on both engines', () => {
  let sequelize: Sequelize;
  const SPEC: UpsertSpec = {
    table: 'upsert_probe',
    columns: ['k1', 'k2', 'total', 'low', 'high', 'latest', 'hits', 'gone', 'guarded', 'version'],
    key: ['k1', 'k2'],
    merge: [['total', 'add'], ['low', 'min'], ['high', 'max'], ['latest', 'new'], ['hits', 'increment'], ['gone', 'null'], ['guarded', { ifSame: 'version' }]],
  };
  before(async () => {
    sequelize = (await harness()).runtime.sequelize;
    await sequelize.query('DROP TABLE IF EXISTS upsert_probe');
    await sequelize.query(
      'CREATE TABLE upsert_probe (k1 INTEGER NOT NULL, k2 VARCHAR(8) NOT NULL, total INTEGER NOT NULL, low INTEGER NOT NULL, high INTEGER NOT NULL, latest VARCHAR(8), hits INTEGER NOT NULL, gone INTEGER, guarded INTEGER, version INTEGER NOT NULL, PRIMARY KEY (k1, k2))',
    );
  });
  after(async () => {
    await sequelize.query('DROP TABLE IF EXISTS upsert_probe');
  });

  const read = async () =>
    (await sequelize.query<Record<string, unknown>>('SELECT * FROM upsert_probe ORDER BY k1, k2', { type: QueryTypes.SELECT })).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k !== 'k2' ? Number(v) : v])),
    );

  it('inserts new keys and merges each column of an existing key by its rule, in one statement for many rows', async () => {
    await upsertRows(sequelize, SPEC, [
      [1, 'a', 5, 5, 5, 'first', 1, 7, 10, 1],
      [2, 'a', 1, 1, 1, 'other', 1, 1, 1, 1],
    ]);
    // Same key twice in one call, and a row whose guard (version) no longer matches.
    await upsertRows(sequelize, SPEC, [
      [1, 'a', 3, 2, 9, 'second', 1, 8, 20, 1],
      [1, 'a', 4, 6, 1, 'third', 1, 9, 30, 2],
    ]);
    assert.deepEqual(await read(), [
      { k1: 1, k2: 'a', total: 12, low: 2, high: 9, latest: 'third', hits: 3, gone: null, guarded: 20, version: 1 },
      { k1: 2, k2: 'a', total: 1, low: 1, high: 1, latest: 'other', hits: 1, gone: 1, guarded: 1, version: 1 },
    ]);
  });

  it('writes more rows than one chunk holds', async () => {
    await sequelize.query('DELETE FROM upsert_probe');
    const rows = Array.from({ length: 1203 }, (_, i) => [i, 'b', 1, 1, 1, 'x', 1, null, null, 1]);
    await upsertRows(sequelize, SPEC, rows);
    await upsertRows(sequelize, SPEC, rows);
    const [{ n, total }] = await sequelize.query<{ n: number; total: number }>('SELECT COUNT(*) AS n, SUM(total) AS total FROM upsert_probe', { type: QueryTypes.SELECT });
    assert.equal(Number(n), 1203);
    assert.equal(Number(total), 2406);
  });
});
