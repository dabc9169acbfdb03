import crypto from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';
import { log, withLogScope } from '../log';

/** A request id from the proxy (nginx's `$request_id`) is kept when it looks like one; anything else is replaced. */
const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The route pattern that served a request (`/c/:communityId/threads/:threadId`), never the
 * concrete path: it names a metric series and a log line without ids, and without the `?s=`
 * session token of the query string.
 */
export function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  const first = req.originalUrl.split(/[/?]/)[1];
  if (first === 'lti' || first === 'public') return `/${first}/*`;
  return 'unmatched';
}

const PROBES = new Set(['/healthz', '/livez', '/metrics']);

type Finished = (req: Request, res: Response, seconds: number) => void;
const listeners: Finished[] = [];

/** Be told of every finished request (metrics). */
export function onRequestFinished(fn: Finished): void {
  listeners.push(fn);
}

/**
 * First middleware: give the request an id (`X-Request-Id`, echoed in the response), run the rest
 * of the request inside a log scope carrying it, and write one `request` line when it ends.
 * The line has the route pattern, never the URL: URLs can carry a session token.
 */
export function requestScope() {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => withLogScope({ req: id }, () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      // Probes (a load balancer every few seconds, Prometheus) only at debug, unless they fail.
      const probe = PROBES.has(route) && res.statusCode < 400;
      (probe ? log.debug : log.info)('request', { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
      for (const fn of listeners) fn(req, res, seconds);
    }));
    withLogScope({ req: id }, () => next());
  };
}
