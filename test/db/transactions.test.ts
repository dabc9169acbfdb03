import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataTypes, DatabaseError, Model, UniqueConstraintError, type Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db';
import { retryTransaction, isRetryable } from '../../src/db/retry';

const SRC = path.join(__dirname, '..', '..', 'src');
/**
 * The files allowed to call `.transaction(`: the retry helper, the SQLite queue that wraps it, and
 * the migration lock (a transaction there only pins one connection for MariaDB's GET_LOCK). A
 * route's `.transaction(command)` step (a line that starts with it) is the request pipeline's,
 * which runs the command through the retry helper (checked below).
 */
const PIPELINE_STEP = /^\s*(\*\s*)?\.transaction\(/;
const ALLOWED = new Set(['db/retry.ts', 'db/index.ts', 'db/migration-lock.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.ts')).map((d) => path.join(d.parentPath, d.name));
}

/** A MariaDB error as mysql2 raises it, wrapped by Sequelize. */
function mariadbError(code: string, errno: number, message: string): DatabaseError {
  return new DatabaseError(Object.assign(new Error(message), { code, errno, sql: 'UPDATE …' }) as never);
}
const deadlock = () => mariadbError('ER_LOCK_DEADLOCK', 1213, 'Deadlock found when trying to get lock; try restarting transaction');

class Counter extends Model {
  declare id: number;
  declare label: string;
  declare hits: number;
}

describe('transactions: one helper, retried on lock conflicts', () => {
  let sequelize: Sequelize;
  const file = path.join(os.tmpdir(), `coper-retry-${process.pid}.sqlite`);

  before(async () => {
    sequelize = createSequelize(`sqlite:${file}`);
    Counter.init({ label: { type: DataTypes.STRING, allowNull: false }, hits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 } }, { sequelize, tableName: 'counters' });
    await sequelize.sync();
  });
  after(async () => {
    await sequelize.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  });

  it('no code under src/ opens a transaction except through src/db/retry.ts', () => {
    const offenders: string[] = [];
    for (const f of sourceFiles(SRC)) {
      const rel = path.relative(SRC, f).split(path.sep).join('/');
      if (ALLOWED.has(rel)) continue;
      fs.readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\.transaction\s*\(/.test(line) && !PIPELINE_STEP.test(line)) offenders.push(`src/${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, [], 'use retryTransaction(sequelize, work) from src/db/retry.ts');
    const pipeline = fs.readFileSync(path.join(SRC, 'web/pipeline.ts'), 'utf8');
    assert.match(pipeline, /retryTransaction\(/, "the pipeline's transaction step goes through the retry helper");
  });

  it('recognizes deadlocks, lock-wait timeouts and SQLITE_BUSY, and nothing else', () => {
    assert.ok(isRetryable(deadlock()));
    assert.ok(isRetryable(mariadbError('ER_LOCK_WAIT_TIMEOUT', 1205, 'Lock wait timeout exceeded; try restarting transaction')));
    assert.ok(isRetryable(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })));
    assert.ok(!isRetryable(mariadbError('ER_BAD_NULL_ERROR', 1048, "Column 'x' cannot be null")));
    assert.ok(!isRetryable(new Error('boom')));
    assert.ok(!isRetryable(null));
    assert.ok(isRetryable(new UniqueConstraintError({})));
    assert.ok(!isRetryable(new UniqueConstraintError({}), false));
  });

  it('runs the whole transaction again after a deadlock; an instance saved in the failed run is written again', async () => {
    const row = await Counter.create({ label: 'before' });
    let runs = 0;
    await retryTransaction(sequelize, async (t) => {
      runs++;
      await row.update({ label: 'after' }, { transaction: t });
      await Counter.increment('hits', { by: 1, where: { id: row.id }, transaction: t });
      if (runs === 1) throw deadlock();
    });
    assert.equal(runs, 2);
    const stored = (await Counter.findByPk(row.id))!;
    assert.equal(stored.label, 'after', 'the second run wrote the label (the rolled-back first run did not count)');
    assert.equal(stored.hits, 1, 'the first run was rolled back');
  });

  it('gives up after a bounded number of runs and rethrows the conflict', async () => {
    let runs = 0;
    await assert.rejects(
      retryTransaction(
        sequelize,
        async () => {
          runs++;
          throw deadlock();
        },
        { attempts: 3 },
      ),
      (err: unknown) => err instanceof DatabaseError,
    );
    assert.equal(runs, 3);
  });

  it('does not run again after other errors, nor after a duplicate when told so', async () => {
    let runs = 0;
    await assert.rejects(retryTransaction(sequelize, async () => {
      runs++;
      throw new Error('validation');
    }), /validation/);
    assert.equal(runs, 1);
    runs = 0;
    await assert.rejects(retryTransaction(sequelize, async () => {
      runs++;
      throw new UniqueConstraintError({});
    }, { uniqueRaces: false }), UniqueConstraintError);
    assert.equal(runs, 1);
  });
});
