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
