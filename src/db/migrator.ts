import path from 'node:path';
import { Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import { withMigrationLock } from './migration-lock';

export type MigrationContext = { queryInterface: QueryInterface; sequelize: Sequelize };
export type Migration = (p: { context: MigrationContext }) => Promise<void>;

// From src/db (tsx) or dist/src/db (compiled), migrations/ sits two levels up.
const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

/** The umzug migrator over migrations/ (ordered by file name, each with up and down). */
export function createMigrator(sequelize: Sequelize) {
  return new Umzug<MigrationContext>({
    migrations: {
      glob: ['*.{js,ts}', { cwd: MIGRATIONS_DIR, ignore: ['*.d.ts', '*.map'] }],
      resolve: ({ name, path: file, context }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file!) as { up: Migration; down: Migration };
        const key = name.replace(/\.(js|ts)$/, '');
        return { name: key, up: () => mod.up({ context }), down: () => mod.down({ context }) };
      },
    },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/**
 * Apply every pending migration, under the installation-wide migration lock (several processes
 * starting together migrate once; the others wait and find nothing pending); returns the names applied.
 */
export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const { result } = await withMigrationLock(sequelize, () => createMigrator(sequelize).up());
  return result.map((m) => m.name);
}

/** Revert migrations: the last one, or all of them with `{ to: 0 }` (under the same lock). */
export async function migrateDown(sequelize: Sequelize, opts: { to?: 0 | string } = {}): Promise<string[]> {
  const { result } = await withMigrationLock(sequelize, () => createMigrator(sequelize).down(opts.to === undefined ? undefined : { to: opts.to }));
  return result.map((m) => m.name);
}
