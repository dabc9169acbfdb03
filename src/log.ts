/**
 * One-line structured logs. Never pass a session token, id_token or cookie here.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
let threshold = order.info;

export function setLogLevel(level: Level | 'silent'): void {
  threshold = order[level];
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
  debug: (e: string, f?: Record<string, unknown>) => write('debug', e, f),
  info: (e: string, f?: Record<string, unknown>) => write('info', e, f),
  warn: (e: string, f?: Record<string, unknown>) => write('warn', e, f),
  error: (e: string, f?: Record<string, unknown>) => write('error', e, f),
};
