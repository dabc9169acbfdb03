import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { createSequelize, pingDatabase } from './db';
import { migrateUp } from './db/migrator';
import { initModels } from './features';
import { setupLti } from './lti/mount';
import { setLogLevel, log } from './log';
import type { SequelizePlugin } from './lti/plugin';
import { useNotificationConfig } from './notifications/settings';
import { configureUserAgent } from './lti/outbound';

export interface Runtime {
  config: Config;
  sequelize: Sequelize;
  plugin: SequelizePlugin;
}

/**
 * Everything a process needs before serving: database reachable (checked here because ltijs
 * exits the process with code 0 on a database failure inside deploy), migrated, models bound,
 * ltijs deployed over our plugin.
 */
export async function bootstrap(config: Config, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  setLogLevel(config.LOG_LEVEL);
  configureUserAgent(config.PUBLIC_URL);
  const sequelize = createSequelize(config.DATABASE_URL);
  if (!(await pingDatabase(sequelize))) {
    throw new Error(`Database unreachable: ${config.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`);
  }
  if (opts.migrate !== false) {
    const applied = await migrateUp(sequelize);
    if (applied.length) log.info('migrated', { applied });
  }
  initModels(sequelize);
  useNotificationConfig(config); // notify() is called inside features' transactions, with no config at hand
  const plugin = await setupLti(config, sequelize);
  return { config, sequelize, plugin };
}
