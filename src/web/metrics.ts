import crypto from 'node:crypto';
import cluster from 'node:cluster';
import { Router } from 'express';
import { Op, type Model, type ModelStatic } from 'sequelize';
import type { Config } from '../config';
import { registry, httpDuration, addOutboxDepth } from '../metrics';
import { onRequestFinished, routeLabel } from './request-scope';

/** What the entry gives the metrics route: the outboxes to watch, and the cluster's merged metrics. */
export interface MetricsSources {
  outboxes: Array<[name: string, model: ModelStatic<Model>]>;
  clusterMetrics: () => Promise<string>;
}

const WAITING = ['pending', 'sending', 'failed'];

/** Outbox depths: rows of the score and e-mail outboxes not (yet) delivered, by status. */
function countWaiting(outbox: string, model: ModelStatic<Model>) {
  return async () => {
    const rows = (await model.count({ where: { status: { [Op.in]: WAITING } }, group: ['status'] })) as unknown as { status: string; count: number }[];
    return WAITING.map((status) => ({ outbox, status, count: Number(rows.find((r) => r.status === status)?.count ?? 0) }));
  };
}

let wired = false;
function wire(sources: MetricsSources): void {
  if (wired) return;
  wired = true;
  onRequestFinished((req, res, seconds) => httpDuration.observe({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }, seconds));
  for (const [name, model] of sources.outboxes) addOutboxDepth(countWaiting(name, model));
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * `GET /metrics` for Prometheus, behind `Authorization: Bearer $METRICS_TOKEN`. Without a token
 * configured the route does not exist (404); with a wrong or missing bearer it answers 401.
 */
export function metricsRoutes(config: Config, sources: MetricsSources): Router {
  wire(sources);
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    if (!config.METRICS_TOKEN) return next();
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(bearer, config.METRICS_TOKEN)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('401 Unauthorized\n');
      return;
    }
    res.type(registry.contentType).send(cluster.isWorker ? await sources.clusterMetrics() : await registry.metrics());
  });
  return router;
}
