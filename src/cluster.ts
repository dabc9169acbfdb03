import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Config } from './config';
import { createSequelize } from './db';
import { migrateUp } from './db/migrator';
import { registry } from './metrics';
import { log } from './log';

/**
 * `WEB_CONCURRENCY=N npm start`: a primary process that migrates once, then forks N web processes
 * sharing the port (node's cluster). Background work runs in web process 0 only (jobs are safe
 * with several workers anyway, thanks to leases; one is enough). The primary forwards SIGTERM to
 * every web process, each drains on its own (src/shutdown.ts), and the primary exits when all
 * have. A web process that dies otherwise is replaced. `/metrics` answered by any web process
 * aggregates all of them, through the primary.
 */
const METRICS_REQ = 'coper:metrics-req';
const METRICS_RES = 'coper:metrics-res';

export async function runPrimary(config: Config): Promise<void> {
  const sequelize = createSequelize(config.DATABASE_URL);
  const applied = await migrateUp(sequelize);
  await sequelize.close();
  if (applied.length) log.info('migrated', { applied });
  const aggregator = new AggregatorRegistry();
  const indexOf = new Map<number, number>();
  let stopping = false;
  let failures = 0;
  const fork = (index: number) => {
    const worker = cluster.fork({ COPER_WEB_INDEX: String(index) });
    indexOf.set(worker.id, index);
    worker.on('message', (msg: { type?: string; id?: number }) => {
      if (msg?.type !== METRICS_REQ) return;
      aggregator.clusterMetrics()
        .then((text) => worker.send({ type: METRICS_RES, id: msg.id, text }))
        .catch((err: Error) => worker.send({ type: METRICS_RES, id: msg.id, error: err.message }));
    });
  };
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) fork(i);
  cluster.on('exit', (worker: Worker, code, signal) => {
    const index = indexOf.get(worker.id)!;
    indexOf.delete(worker.id);
    if (code !== 0) failures++;
    if (!stopping) {
      log.error('web_process_exited', { index, code, signal });
      setTimeout(() => fork(index), 1_000).unref();
      return;
    }
    if (!Object.keys(cluster.workers ?? {}).length) {
      log.info('stopped', { processes: config.WEB_CONCURRENCY });
      process.exit(failures ? 1 : 0);
    }
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal, processes: Object.keys(cluster.workers ?? {}).length });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** In a web process of a cluster: its index (0…N-1); null when not clustered. */
export function webIndex(): number | null {
  return cluster.isWorker ? Number(process.env.COPER_WEB_INDEX ?? 0) : null;
}

/** Let the primary collect this process's metrics (prom-client's cluster protocol). */
export function joinMetricsCluster(): void {
  if (!cluster.isWorker) return;
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

let nextRequest = 0;
/** The metrics of every web process, summed (counters, histograms) by the primary. */
export function clusterMetrics(): Promise<string> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (process.off('message', onMessage), reject(new Error('metrics: the primary did not answer'))), 6_000);
    const onMessage = (msg: { type?: string; id?: number; text?: string; error?: string }) => {
      if (msg?.type !== METRICS_RES || msg.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQ, id });
  });
}
