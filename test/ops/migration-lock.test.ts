import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '../../src/db';
import { scratchDatabase } from '../helpers/db';
import { startServer, stopProcess, type AppProcess } from '../helpers/processes';

const MIGRATIONS = fs.readdirSync(path.resolve(__dirname, '../../migrations')).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));

describe('operations: migrations run once when several processes start together', function () {
  this.timeout(180_000);
  const started: AppProcess[] = [];
  after(async () => {
    await Promise.all(started.map((p) => stopProcess(p)));
  });

  it('three app processes started at once on an empty database: one migrates, all three serve', async () => {
    const url = await scratchDatabase('lock');
    const servers = await Promise.all([1, 2, 3].map(async () => {
      const s = await startServer({ DATABASE_URL: url });
      started.push(s);
      return s;
    }));
    const migrated = servers.flatMap((s) => s.logs.filter((l) => l.event === 'migrated'));
    assert.equal(migrated.length, 1, 'exactly one process applied the migrations');
    assert.equal((migrated[0].applied as string[]).length, MIGRATIONS.length);
    for (const s of servers) {
      const res = await fetch(`${s.url}/healthz`);
      assert.equal(res.status, 200);
      assert.ok(!s.other.some((l) => /Error|already exists/.test(l)), s.other.join('\n'));
    }
    const check = createSequelize(url);
    try {
      const rows = await check.query<{ name: string }>('SELECT name FROM schema_migrations', { type: QueryTypes.SELECT });
      assert.equal(rows.length, MIGRATIONS.length, 'each migration recorded once');
    } finally {
      await check.close();
    }
  });
});
