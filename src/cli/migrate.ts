import type { Sequelize } from 'sequelize';
import { migrateDown, migrateUp, createMigrator } from '../db/migrator';
import { UsageError } from './usage';

/** `migrate [up|down|status] [--all]` */
export async function migrateCommand(sequelize: Sequelize, args: string[], out: (s: string) => void): Promise<void> {
  const [sub = 'up', flag] = args;
  if (sub === 'up') {
    const applied = await migrateUp(sequelize);
    out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } else if (sub === 'down') {
    const undone = await migrateDown(sequelize, flag === '--all' ? { to: 0 } : {});
    out(undone.length ? `Reverted: ${undone.join(', ')}` : 'Nothing to revert.');
  } else if (sub === 'status') {
    const m = createMigrator(sequelize);
    const [done, pending] = await Promise.all([m.executed(), m.pending()]);
    done.forEach((x) => out(`up       ${x.name}`));
    pending.forEach((x) => out(`pending  ${x.name}`));
  } else throw new UsageError('usage: migrate [up|down [--all]|status]');
}
