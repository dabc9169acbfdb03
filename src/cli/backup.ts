import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { QueryTypes } from 'sequelize';
import { createSequelize, parseDatabaseUrl } from '../db';
import { UsageError } from './usage';

/**
 * `backup --out FILE` and `restore --from FILE [--force]`.
 * SQLite: `VACUUM INTO` writes a consistent copy while CoPeR keeps serving; restore copies it
 * into DATABASE_URL's file (stop CoPeR first). MariaDB/MySQL: `mariadb-dump --single-transaction`
 * (a consistent snapshot without locking InnoDB tables) and the `mariadb` client to restore;
 * without those programs, the command prints what to run.
 */
export const BACKUP_USAGE = `backup --out FILE                     a consistent copy of the database while CoPeR runs (SQLite file, or a MariaDB SQL dump)
  restore --from FILE [--force]         load a backup into DATABASE_URL's database (stop CoPeR first; --force replaces a database that is not empty)`;

const SQLITE_HEADER = 'SQLite format 3\0';

export async function backupCommand(databaseUrl: string, args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, force: { type: 'boolean' } }, strict: true });
  if (!values.out) throw new UsageError(`backup: --out FILE is required\n  ${BACKUP_USAGE}`);
  const file = path.resolve(values.out);
  if (fs.existsSync(file) && !values.force) throw new UsageError(`backup: ${file} exists; choose another name or add --force`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const parsed = parseDatabaseUrl(databaseUrl);
  if (parsed.dialect === 'sqlite') {
    const sequelize = createSequelize(databaseUrl);
    try {
      await sequelize.query('VACUUM INTO ?', { replacements: [partial] });
    } finally {
      await sequelize.close();
    }
  } else {
    const code = await runMariadbTool(['mariadb-dump', 'mysqldump'], databaseUrl, ['--single-transaction', '--quick', '--routines', '--triggers', '--no-tablespaces', '--default-character-set=utf8mb4'], { stdout: partial }, out, `> ${file}`);
    if (code !== 0) return code;
  }
  fs.renameSync(partial, file);
  out(`Backup written: ${file} (${fs.statSync(file).size} bytes)`);
  return 0;
}

export async function restoreCommand(databaseUrl: string, args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, force: { type: 'boolean' } }, strict: true });
  if (!values.from) throw new UsageError(`restore: --from FILE is required\n  ${BACKUP_USAGE}`);
  const file = path.resolve(values.from);
  if (!fs.existsSync(file)) throw new UsageError(`restore: ${file} does not exist`);
  const parsed = parseDatabaseUrl(databaseUrl);
  if (!values.force && (await tableCount(databaseUrl)) > 0) {
    throw new UsageError('restore: the database of DATABASE_URL is not empty. Stop CoPeR, then add --force to replace it.');
  }
  if (parsed.dialect === 'sqlite') {
    const header = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    if (header.toString('latin1') !== SQLITE_HEADER) throw new UsageError(`restore: ${file} is not a SQLite backup`);
    const target = path.resolve(parsed.storage!);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, `${target}.restoring`);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(`${target}.restoring`, target);
  } else {
    if (values.force) await dropAllTables(databaseUrl);
    const code = await runMariadbTool(['mariadb', 'mysql'], databaseUrl, ['--default-character-set=utf8mb4'], { stdin: file }, out, `< ${file}`);
    if (code !== 0) return code;
  }
  out(`Restored ${file}. Start CoPeR: it applies any newer migrations.`);
  return 0;
}

async function tableCount(databaseUrl: string): Promise<number> {
  const parsed = parseDatabaseUrl(databaseUrl);
  if (parsed.dialect === 'sqlite' && (!fs.existsSync(parsed.storage!) || fs.statSync(parsed.storage!).size === 0)) return 0;
  const sequelize = createSequelize(databaseUrl);
  try {
    return (await sequelize.getQueryInterface().showAllTables()).length;
  } finally {
    await sequelize.close();
  }
}

async function dropAllTables(databaseUrl: string): Promise<void> {
  const sequelize = createSequelize(databaseUrl);
  try {
    const rows = await sequelize.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'", { type: QueryTypes.SELECT });
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { t } of rows) await sequelize.query(`DROP TABLE IF EXISTS \`${t.replace(/`/g, '')}\``);
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await sequelize.close();
  }
}

/** The first of `names` found on PATH. */
function onPath(names: string[]): string | null {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Run a MariaDB client program on DATABASE_URL's database; the password goes in MYSQL_PWD, never
 * on the command line (where `ps` shows it). Without the program: the command to run, exit 2.
 */
async function runMariadbTool(names: string[], databaseUrl: string, flags: string[], io: { stdout?: string; stdin?: string }, out: (s: string) => void, redirect: string): Promise<number> {
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const db = decodeURIComponent(url.pathname.slice(1));
  const conn = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username)];
  const program = onPath(names);
  if (!program) {
    out(`${names[0]} was not found (Debian: apt-get install mariadb-client). Run it yourself:\n  MYSQL_PWD=… ${names[0]} ${[...flags, ...conn].join(' ')} ${db} ${redirect}`);
    return 2;
  }
  const input = io.stdin ? fs.openSync(io.stdin, 'r') : null;
  const output = io.stdout ? fs.openSync(io.stdout, 'w') : null;
  let errors = '';
  const code = await new Promise<number>((resolve) => {
    const child = spawn(program, [...flags, ...conn, db], {
      env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) },
      stdio: [input ?? 'ignore', output ?? 'inherit', 'pipe'],
    });
    child.stderr!.on('data', (d) => (errors += String(d)));
    child.on('error', (err) => ((errors += err.message), resolve(1)));
    child.on('close', (c) => resolve(c ?? 1));
  }).finally(() => [input, output].forEach((fd) => fd !== null && fs.closeSync(fd)));
  if (code !== 0) out(`${path.basename(program)} failed (exit ${code}): ${errors.trim()}`);
  return code === 0 ? 0 : 1;
}
