import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/**
 * Structured JSON logs (pino), one line per event: `{"level":"warn","time":"…","event":"score_refused",…}`.
 * Every line written while serving a request carries that request's id (`req`), and every line
 * written by a background job carries the job's name (`job`), through an AsyncLocalStorage scope.
 *
 * Never pass a session token, id_token, cookie or e-mail address here: known keys are redacted,
 * and string values are scrubbed of anything shaped like an e-mail address or a JWT, as a
 * second line of defence (an LMS's error text can quote a member's address).
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

/** What is known about the work in progress: a request's id, or a background job's name. */
export interface LogScope {
  req?: string;
  job?: string;
}
const scope = new AsyncLocalStorage<LogScope>();

/** Run `fn` with every log line inside it tagged with `s` (request id, job name). */
export function withLogScope<T>(s: LogScope, fn: () => T): T {
  return scope.run(s, fn);
}
export function currentLogScope(): LogScope | undefined {
  return scope.getStore();
}

const SECRET_KEYS = ['token', 'idToken', 'id_token', 'sessionToken', 'session', 'ltik', 'authorization', 'cookie', 'password', 'email', 'mail'];
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;

/** Replace e-mail addresses and JWTs in strings, one level deep into arrays and plain objects. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[jwt]').replace(EMAIL, '[email]');
  if (depth > 2 || value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/**
 * Warnings and errors go to stderr, the rest to stdout, as before pino. The streams are looked up
 * at each write so that a test may capture `process.stderr.write`.
 */
const streams = pino.multistream(
  [
    { level: 'trace', stream: { write: (line: string) => process.stdout.write(line) } },
    { level: 'warn', stream: { write: (line: string) => process.stderr.write(line) } },
  ],
  { dedupe: true },
);

const logger = pino(
  {
    level: 'info',
    messageKey: 'event',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => scrub(obj) as Fields,
    },
    mixin: () => ({ ...scope.getStore() }),
    redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
  },
  streams,
);

export function setLogLevel(level: Level | 'silent'): void {
  logger.level = level;
}

function write(level: Level, event: string, fields: Fields = {}): void {
  logger[level](fields, event);
}

/** `log.warn('score_refused', { outbox, code })`: an event name in snake_case, then its fields. */
export const log = {
  debug: (e: string, f?: Fields) => write('debug', e, f),
  info: (e: string, f?: Fields) => write('info', e, f),
  warn: (e: string, f?: Fields) => write('warn', e, f),
  error: (e: string, f?: Fields) => write('error', e, f),
};
