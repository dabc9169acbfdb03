import type { Config } from '../config';

/**
 * The configuration notify() needs (public URL and key for e-mail links, digest hour). notify()
 * is called by every feature inside its own transaction with no config at hand, so the process
 * registers it once at bootstrap (web, worker and CLI alike).
 */
let current: Config | null = null;

export function useNotificationConfig(config: Config): void {
  current = config;
}

export function notificationConfig(): Config {
  if (!current) throw new Error('notifications: useNotificationConfig(config) was not called (see src/bootstrap.ts)');
  return current;
}
