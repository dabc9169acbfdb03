import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '../../src/db';
import { migrateUp, migrateDown } from '../../src/db/migrator';

const MINE = ['tags', 'taggings', 'threads', 'posts', 'post_links', 'reactions', 'thread_follows', 'mentions', 'moderation_actions', 'scaffolds', 'resources', 'resource_endorsements', 'search_documents', 'search_fts'];

describe('sharing migrations run up, down and up again (SQLite, own file; MariaDB checked by hand, see report)', () => {
  it('creates the tables, the FTS5 table and its triggers, and removes them all', async () => {
    const file = path.join(os.tmpdir(), `coper-migrations-${process.pid}.sqlite`);
    fs.rmSync(file, { force: true });
    const sequelize = createSequelize(`sqlite:${file}`);
    const objects = async () =>
      (await sequelize.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name", { type: QueryTypes.SELECT })).map((r) => r.name);
    try {
      await migrateUp(sequelize);
      const up = await objects();
      for (const t of [...MINE, 'search_documents_ai', 'search_documents_ad', 'search_documents_au']) assert.ok(up.includes(t), `${t} after up`);
      await sequelize.query("INSERT INTO communities (title, purpose, invite_code, settings, created_at, updated_at) VALUES ('C', 'P', 'ABCDEFGH', '{}', datetime('now'), datetime('now'))");
      await sequelize.query("INSERT INTO search_documents (community_id, doc_key, kind, title, body, created_at, updated_at) VALUES (1, 'post:1', 'discussion', 'Pédagogie', 'l’évaluation formative', datetime('now'), datetime('now'))");
      const hits = await sequelize.query(`SELECT rowid FROM search_fts WHERE search_fts MATCH '"evalu"*'`, { type: QueryTypes.SELECT });
      assert.equal(hits.length, 1, 'the insert trigger fed the FTS index');
      await sequelize.query("UPDATE search_documents SET body = 'autre chose' WHERE id = 1");
      assert.equal((await sequelize.query(`SELECT rowid FROM search_fts WHERE search_fts MATCH '"evalu"*'`, { type: QueryTypes.SELECT })).length, 0, 'the update trigger too');
      await migrateDown(sequelize, { to: '20261122T1000-tags' });
      const down = await objects();
      for (const t of MINE) assert.ok(!down.includes(t), `${t} after down`);
      assert.ok(down.includes('communities'), 'earlier migrations stay');
      await migrateUp(sequelize);
      assert.deepEqual(await objects(), up);
    } finally {
      await sequelize.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  });
});
