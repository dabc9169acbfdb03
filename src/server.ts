// More libuv threads than the default 4: SQLite statements and crypto share them (see src/db).
process.env.UV_THREADPOOL_SIZE ??= '16';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { buildApp } from './app';
import { startWorker } from './worker/runner';
import { installShutdown } from './shutdown';
import { log } from './log';

/** Process entry: config → database → app → listen; graceful shutdown on SIGTERM/SIGINT (src/shutdown.ts). */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await bootstrap(config);
  const app = buildApp(config, runtime.sequelize);
  const server: Server = app.listen(config.PORT, () =>
    log.info('listening', { port: (server.address() as AddressInfo).port, publicUrl: config.PUBLIC_URL }),
  );
  const worker = config.EMBEDDED_WORKER ? startWorker(runtime) : null;
  installShutdown({ server, worker, sequelize: runtime.sequelize, delaySeconds: config.SHUTDOWN_DELAY_SECONDS, timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
