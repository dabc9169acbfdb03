import assert from 'node:assert/strict';
import { harness } from '../helpers/harness';
import { CLASSIFIED, NOT_A_PERSON, discoverPersonColumns, tableNames } from '../../src/privacy/graph';

/** Column names that usually point at a person: a new one must be a foreign key, a soft reference, or declared not a person. */
const LOOKS_LIKE_A_PERSON = /(^|_)(user|author|membership|poster|actor|follower|followed|mentor|mentee|voter|owner)(_id)?$|_by$|^private_to$/;

async function columnsOf(h: Awaited<ReturnType<typeof harness>>, table: string): Promise<string[]> {
  const desc = await h.runtime.sequelize.getQueryInterface().describeTable(table);
  return Object.keys(desc);
}

describe('privacy: the model graph', () => {
  it('classifies every column of the schema that points at a user or a membership', async () => {
    const h = await harness();
    const { unclassified } = await discoverPersonColumns(h.runtime.sequelize);
    assert.deepEqual(unclassified, [], 'add these columns to CLASSIFIED in src/privacy/graph.ts (what export and erasure do with them)');
  });

  it('has no stale entry: each classified column exists and points at a person', async () => {
    const h = await harness();
    const { columns } = await discoverPersonColumns(h.runtime.sequelize);
    const found = new Set(columns.map((c) => `${c.table}.${c.column}`));
    assert.deepEqual(Object.keys(CLASSIFIED).filter((k) => !found.has(k)), []);
  });

  it('finds every person-like column without a foreign key (a soft reference must be declared)', async () => {
    const h = await harness();
    const { columns } = await discoverPersonColumns(h.runtime.sequelize);
    const found = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const missing: string[] = [];
    for (const table of await tableNames(h.runtime.sequelize)) {
      if (table === 'users' || table === 'schema_migrations') continue;
      for (const col of await columnsOf(h, table)) {
        const key = `${table}.${col}`;
        if (LOOKS_LIKE_A_PERSON.test(col) && !found.has(key) && !NOT_A_PERSON.has(key)) missing.push(key);
      }
    }
    assert.deepEqual(missing, [], 'declare these in SOFT_REFERENCES or NOT_A_PERSON (src/privacy/graph.ts)');
  });

});
