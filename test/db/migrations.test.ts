import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { createSequelize, parseDatabaseUrl } from '../../src/db';
import { migrateUp, migrateDown, createMigrator } from '../../src/db/migrator';
import { emptyDatabase } from '../helpers/db';

/** A database of its own (a second SQLite file, or a second MariaDB schema) so the app's stays intact. */
async function scratchUrl(): Promise<string> {
  const base = process.env.DATABASE_URL!;
  if (parseDatabaseUrl(base).dialect === 'sqlite') return `sqlite:${path.join(os.tmpdir(), `coper-migrations-${process.pid}.sqlite`)}`;
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_migrations`;
  const admin = createSequelize(base);
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.close();
  url.pathname = `/${name}`;
  return url.toString();
}

describe('migrations', () => {
  it('run up, all the way down, and up again on this database', async () => {
    const url = await scratchUrl();
    await emptyDatabase(url);
    const sequelize = createSequelize(url);
    try {
      const all = (await createMigrator(sequelize).pending()).map((m) => m.name);
      assert.ok(all.length >= 4);
      const applied = await migrateUp(sequelize);
      assert.deepEqual(applied, all, 'every migration applied, in order');
      const tables = (await sequelize.getQueryInterface().showAllTables()).map(String);
      for (const t of ['platforms', 'deployments', 'users', 'communities', 'cohorts', 'memberships', 'sessions', 'activities', 'lti_records', 'lti_logins']) {
        assert.ok(tables.includes(t), `table ${t} exists`);
      }
      const reverted = await migrateDown(sequelize, { to: 0 });
      assert.deepEqual(reverted, [...all].reverse());
      const left = (await sequelize.getQueryInterface().showAllTables()).map(String).filter((t) => t !== 'schema_migrations' && t !== 'sqlite_sequence');
      assert.deepEqual(left, [], 'down removes every table it created');
      assert.deepEqual(await migrateUp(sequelize), all, 'and they apply again');
    } finally {
      await sequelize.close();
    }
  });
});
