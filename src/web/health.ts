import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Sequelize } from 'sequelize';
import { pingDatabase } from '../db';

/**
 * Readiness and liveness, kept apart so that a proxy or an orchestrator can tell "send me no new
 * work" (draining: a SIGTERM was received) from "restart me" (the process is stuck).
 */
let draining = false;

/** From now on this process refuses new work: /healthz answers 503 and responses close their connection. */
export function startDraining(): void {
  draining = true;
}
export function isDraining(): boolean {
  return draining;
}

/**
 * `GET /healthz` (readiness; a fixed contract, DESIGN.md): 200 `{"status":"ok","db":"ok"}`, 503 when
 * the database is unreachable, and 503 `{"status":"draining",…}` once the process is shutting down.
 * `GET /livez` (liveness): 200 while the process answers at all; no database query.
 */
export function healthRoutes(sequelize: Sequelize): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const ok = await pingDatabase(sequelize);
    const status = draining ? 'draining' : ok ? 'ok' : 'error';
    res.status(ok && !draining ? 200 : 503).json({ status, db: ok ? 'ok' : 'unreachable' });
  });
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}

/** While draining, ask keep-alive clients to reconnect (to another process) after this response. */
export function closeConnectionsWhileDraining() {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  };
}
