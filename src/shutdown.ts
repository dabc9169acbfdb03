import type { Server } from 'node:http';
import type { Sequelize } from 'sequelize';
import { startDraining } from './web/health';
import { log } from './log';

export interface ShutdownParts {
  /** The HTTP server, absent in `npm run worker`. */
  server?: Server;
  worker?: { stop: () => Promise<void> } | null;
  sequelize: Sequelize;
  /** Seconds between "not ready" (/healthz 503) and closing the listening socket, so the proxy stops sending first. */
  delaySeconds: number;
  /** Seconds after which connections still open are cut and the process exits with 1. */
  timeoutSeconds: number;
  /** Background work a request started in this process (a roster sync): waited for after the requests. */
  idle?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stop in order, losing nothing: readiness off (/healthz 503, responses `Connection: close`),
 * a short delay for the proxy to notice, stop accepting, let in-flight requests finish, let the
 * worker finish its current jobs (which release their leases), close the database. A second
 * signal, or the timeout, exits at once.
 */
export function installShutdown(parts: ShutdownParts): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn('stop_forced', { signal });
      process.exit(1);
    }
    stopping = true;
    startDraining();
    log.info('stopping', { signal, delaySeconds: parts.delaySeconds });
    setTimeout(() => {
      log.error('stop_timeout', { timeoutSeconds: parts.timeoutSeconds });
      parts.server?.closeAllConnections();
      process.exit(1);
    }, (parts.delaySeconds + parts.timeoutSeconds) * 1000).unref();
    // Ctrl-C in a terminal has no proxy to warn: skip the delay.
    if (parts.server && signal === 'SIGTERM') await sleep(parts.delaySeconds * 1000);
    const closed = parts.server ? new Promise<void>((resolve) => parts.server!.close(() => resolve())) : Promise.resolve();
    parts.server?.closeIdleConnections();
    await Promise.all([closed, parts.worker?.stop()]);
    await parts.idle?.();
    await parts.sequelize.close();
    log.info('stopped', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
