import fs from 'node:fs';
import { createSequelize, parseDatabaseUrl } from '../../src/db';

/** Start from an empty database: delete the SQLite file, or drop every table on MariaDB. */
export async function emptyDatabase(url: string): Promise<void> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(parsed.storage! + suffix, { force: true });
    return;
  }
  const sequelize = createSequelize(url);
  try {
    const [rows] = (await sequelize.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
    )) as [Array<{ t: string }>, unknown];
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { t } of rows) await sequelize.query(`DROP TABLE IF EXISTS \`${t}\``);
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await sequelize.close();
  }
}

/**
 * A database of its own beside the suite's, of the same kind (a fresh SQLite file, or a second
 * MariaDB schema named `<suite db>_<label>`), emptied: for tests that start their own processes.
 */
export async function scratchDatabase(label: string): Promise<string> {
  const base = process.env.DATABASE_URL!;
  let url: string;
  if (parseDatabaseUrl(base).dialect === 'sqlite') {
    url = `sqlite:${base.slice('sqlite:'.length).replace(/\.sqlite$/, '')}-${label}.sqlite`;
  } else {
    const u = new URL(base);
    const name = `${u.pathname.slice(1)}_${label}`;
    const admin = createSequelize(base);
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.close();
    u.pathname = `/${name}`;
    url = u.toString();
  }
  await emptyDatabase(url);
  return url;
}
