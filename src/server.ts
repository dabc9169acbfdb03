// More libuv threads than the default 4: SQLite statements and crypto share them (see src/db).
process.env.UV_THREADPOOL_SIZE ??= '16';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { buildApp } from './app';
import { startWorker } from './worker/runner';
import { installShutdown } from './shutdown';
import { rosterSyncsIdle } from './lms/schedule';
import { log } from './log';
import { runPrimary, joinMetricsCluster, webIndex } from './cluster';

/** Process entry: config → database → app → listen; graceful shutdown on SIGTERM/SIGINT (src/shutdown.ts). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) return runPrimary(config);
  joinMetricsCluster();
  const index = webIndex();
  // In a cluster the primary has migrated already; background work runs in web process 0 only.
  const runtime = await bootstrap(config, { migrate: index === null });
  const app = buildApp(config, runtime.sequelize);
  const server: Server = app.listen(config.PORT, () =>
    log.info('listening', { port: (server.address() as AddressInfo).port, publicUrl: config.PUBLIC_URL }),
  );
  const worker = config.EMBEDDED_WORKER && (index === null || index === 0) ? startWorker(runtime) : null;
  installShutdown({
    server, worker, sequelize: runtime.sequelize, idle: rosterSyncsIdle, delaySeconds: config.SHUTDOWN_DELAY_SECONDS, timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS,
  });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
