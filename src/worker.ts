process.env.UV_THREADPOOL_SIZE ??= '16'; // see src/server.ts
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { startWorker } from './worker/runner';
import { log } from './log';

/** `npm run worker`: the background work alone, without the web server. */
async function main(): Promise<void> {
  const runtime = await bootstrap(loadConfig());
  const worker = startWorker(runtime);
  log.info('worker_started');
  const stop = async () => {
    await worker.stop();
    await runtime.sequelize.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
