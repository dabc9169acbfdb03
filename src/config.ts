import { z } from 'zod';

/**
 * The whole configuration, parsed once from the environment by one zod schema.
 * This module is the only reader of `process.env` (DESIGN.md, "Fixed contracts").
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().min(1).default('sqlite:data/coper.sqlite'),
  LTI_KEY: z.string().min(16, 'LTI_KEY must be at least 16 characters').optional(),
  /** Seconds of clock skew accepted on id_token iat/exp (Moodle signs exp = iat + 60). */
  LTI_CLOCK_TOLERANCE: z.coerce.number().int().min(0).max(300).default(45),
  /** After fetching a platform's JWKS, how long before a token with an unknown kid may trigger another fetch. */
  LTI_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Idle and absolute lifetimes of a session after a launch, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_MINUTES: z.coerce.number().int().min(1).default(12 * 60),
  /** Where uploaded files and outbox e-mails are written. */
  DATA_DIR: z.string().default('data'),
  /** Largest video clip a member may upload, in MB (streamed to disk, never held in memory). */
  VIDEO_MAX_MB: z.coerce.number().int().min(1).max(20_000).default(500),
  /**
   * Hosts whose videos a resource may embed in a frame (comma-separated), e.g. the institution's
   * own streaming host; they make the CSP's frame-src. Empty: no embed, links only.
   */
  VIDEO_EMBED_HOSTS: z
    .string()
    .default('www.youtube-nocookie.com,player.vimeo.com')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, 'VIDEO_EMBED_HOSTS: host names only, comma-separated'))),
  /** Outgoing mail server, e.g. smtp://user:pass@host:587; empty: e-mails are written to ${DATA_DIR}/outbox/ as .eml files. */
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional()),
  MAIL_FROM: z.string().trim().min(3).default('CoPeR <no-reply@localhost>'),
  /** Hour (0–23, America/Toronto) after which the daily and weekly (Monday) digests go out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Run the background worker inside the web process (`npm start`). */
  EMBEDDED_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * With NODE_ENV=production, which proxies Express believes about the client's address and
   * protocol (X-Forwarded-For/-Proto): a hop count (`1`: the proxy in front), or addresses and
   * names Express knows (`loopback`, `10.0.0.0/8`…). Rate limits count per client address, so a
   * blanket `true` would let a client choose its own address.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('1')
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v)),
  /** Web processes sharing PORT (node's cluster); 1: a single process, no primary. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Bearer token that opens GET /metrics (Prometheus); without it /metrics does not exist. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional()),
  /**
   * Rate limits per minute, counted in the database (they hold across processes); 0 turns one off.
   * Launches and logins count per client address (a class behind one school address launches
   * together: keep these generous), writes (any form post) per person.
   */
  RATE_LIMIT_LAUNCH_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_WRITE_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** On SIGTERM, seconds during which /healthz answers 503 while requests are still served, so the proxy stops sending first. */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(120).default(5),
  /** On SIGTERM, seconds left to in-flight requests and the worker's current jobs before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** A launch queues a background roster sync (NRPS) when the cohort's roster is older than this. */
  ROSTER_MAX_AGE_MINUTES: z.coerce.number().int().min(1).default(60),
  /** Whether launches queue roster syncs at all (the test suite turns it off; the schedule still runs). */
  ROSTER_SYNC_ON_LAUNCH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The worker syncs every cohort's roster at least this often. */
  ROSTER_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(360),
  /** Incremental syncs (NRPS `differences`) are replaced by a full read at least this often. */
  ROSTER_FULL_SYNC_HOURS: z.coerce.number().int().min(1).default(24),
  /** Who answers privacy questions (the institution's privacy officer): shown on the privacy notice. */
  PRIVACY_CONTACT: z.string().trim().max(500).default(''),
  /** Retention (privacy/retention.ts, applied by the worker): days an expired session is kept at most. */
  RETENTION_SESSIONS_DAYS: z.coerce.number().int().min(0).max(3650).default(1),
  /** Days a login attempt (OIDC state and nonce, with its login hint) is kept. */
  RETENTION_LOGINS_DAYS: z.coerce.number().int().min(0).max(3650).default(1),
  /** Days ltijs's launch records (id and context tokens) are kept. */
  RETENTION_LTI_RECORDS_DAYS: z.coerce.number().int().min(0).max(3650).default(1),
  /** Days an e-mail is kept in the outbox after it was sent (or gave up). */
  RETENTION_EMAIL_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Hours a data export prepared in the background stays available to its member. */
  RETENTION_EXPORT_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  /** Days a notification is kept. */
  RETENTION_NOTIFICATIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Days the activity log keeps its detail; older rows keep only who, what, when and the kind (what analytics count). */
  RETENTION_ACTIVITY_DETAIL_DAYS: z.coerce.number().int().min(30).max(36500).default(730),
});

export type Config = Omit<z.infer<typeof schema>, 'LTI_KEY' | 'PUBLIC_URL'> & {
  LTI_KEY: string;
  PUBLIC_URL: string;
  /** True when the tool is served to browsers over https (cookies must then be Secure). */
  secureCookies: boolean;
};

export class ConfigError extends Error {}

/** Parse an environment (defaults to `process.env`) into a Config, or throw one readable ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.LTI_KEY) {
    throw new ConfigError('Invalid configuration:\n  LTI_KEY: required in production');
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  return {
    ...c,
    // A fixed development key keeps demo sessions valid across restarts; production must set its own.
    LTI_KEY: c.LTI_KEY ?? 'coper-development-key-not-for-production',
    PUBLIC_URL: publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
  };
}
