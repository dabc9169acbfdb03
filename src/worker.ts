process.env.UV_THREADPOOL_SIZE ??= '16'; // see src/server.ts
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { startWorker } from './worker/runner';
import { installShutdown } from './shutdown';
import { log } from './log';

/** `npm run worker`: the background work alone, without the web server. On SIGTERM it finishes its current jobs. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await bootstrap(config);
  const worker = startWorker(runtime);
  installShutdown({ worker, sequelize: runtime.sequelize, delaySeconds: 0, timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS });
  log.info('worker_started');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
