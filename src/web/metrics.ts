import crypto from 'node:crypto';
import cluster from 'node:cluster';
import { Router } from 'express';
import { Op } from 'sequelize';
import type { Config } from '../config';
import { registry, httpDuration, addOutboxDepth } from '../metrics';
import { onRequestFinished, routeLabel } from './request-scope';
import { ScoreOutbox } from '../participation/model';
import { clusterMetrics } from '../cluster';
import { EmailOutbox } from '../notifications/model';

const WAITING = ['pending', 'sending', 'failed'];

/** Outbox depths: rows of the score and e-mail outboxes not (yet) delivered, by status. */
function countWaiting(outbox: string, model: typeof ScoreOutbox | typeof EmailOutbox) {
  return async () => {
    const rows = (await (model as typeof ScoreOutbox).count({ where: { status: { [Op.in]: WAITING } }, group: ['status'] })) as unknown as { status: string; count: number }[];
    return WAITING.map((status) => ({ outbox, status, count: Number(rows.find((r) => r.status === status)?.count ?? 0) }));
  };
}

let wired = false;
function wire(): void {
  if (wired) return;
  wired = true;
  onRequestFinished((req, res, seconds) => httpDuration.observe({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }, seconds));
  addOutboxDepth(countWaiting('scores', ScoreOutbox));
  addOutboxDepth(countWaiting('emails', EmailOutbox));
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
export function metricsRoutes(config: Config): Router {
  wire();
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    if (!config.METRICS_TOKEN) return next();
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(bearer, config.METRICS_TOKEN)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('401 Unauthorized\n');
      return;
    }
    res.type(registry.contentType).send(cluster.isWorker ? await clusterMetrics() : await registry.metrics());
  });
  return router;
}
