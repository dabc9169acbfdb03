// More libuv threads than the default 4: SQLite statements and crypto share them (see src/db).
process.env.UV_THREADPOOL_SIZE ??= '16';
import type { Server } from 'node:http';
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { buildApp } from './app';
import { startWorker } from './worker/runner';
import { log } from './log';

/** Process entry: config → database → app → listen; graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await bootstrap(config);
  const app = buildApp(config, runtime.sequelize);
  const server: Server = app.listen(config.PORT, () => log.info('listening', { port: config.PORT, publicUrl: config.PUBLIC_URL }));
  const worker = config.EMBEDDED_WORKER ? startWorker(runtime) : null;
  const stop = async (signal: string) => {
    log.info('stopping', { signal });
    await worker?.stop();
    server.close(() => void runtime.sequelize.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
