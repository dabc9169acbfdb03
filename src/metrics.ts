import { Registry, Counter, Histogram, Gauge, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of the process, in one registry served at `/metrics` (src/web/metrics.ts).
 * Labels are small closed sets (route patterns, reason codes, job names): never an id or a URL.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'coper_' });

export const httpDuration = new Histogram({
  name: 'coper_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status: latency (the _count is the number of requests)',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const launches = new Counter({
  name: 'coper_launches_total',
  help: 'Accepted LTI launches by kind (community, setup, deep-linking…)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const launchRefusals = new Counter({
  name: 'coper_launch_refusals_total',
  help: 'Refused LTI launches and logins by reason code',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const rosterSyncs = new Counter({
  name: 'coper_roster_syncs_total',
  help: 'Roster syncs (NRPS) by outcome (ok, busy, skipped, failed) and reason (the LMS error code or why it was skipped)',
  labelNames: ['outcome', 'reason'] as const,
  registers: [registry],
});

export const scoreSends = new Counter({
  name: 'coper_score_sends_total',
  help: 'Scores handled by the gradebook outbox (AGS) by outcome: sent, superseded, unchanged, retrying, failed, error',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'coper_job_duration_seconds',
  help: 'Background jobs by name and outcome (ok, failed): duration',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'coper_rate_limited_total',
  help: 'Requests refused with 429 by rate-limit rule',
  labelNames: ['rule'] as const,
  registers: [registry],
});

type DepthReader = () => Promise<{ outbox: string; status: string; count: number }[]>;
const depthReaders: DepthReader[] = [];

/** Register a reader of an outbox's depth by status; it runs at each scrape. */
export function addOutboxDepth(reader: DepthReader): void {
  depthReaders.push(reader);
}

new Gauge({
  name: 'coper_outbox_depth',
  help: 'Rows waiting in an outbox (scores, emails) by status, read from the database at each scrape',
  labelNames: ['outbox', 'status'] as const,
  registers: [registry],
  // Every web process reads the same rows: a cluster reports the value once, not summed.
  aggregator: 'max',
  async collect() {
    this.reset();
    for (const read of depthReaders) {
      for (const row of await read().catch(() => [])) this.set({ outbox: row.outbox, status: row.status }, row.count);
    }
  },
});
