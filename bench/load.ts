/**
 * Load generators and meters of the benchmark: autocannon for pages (with every response time kept,
 * for p50/p95/p99), a concurrent loop of full LTI launches through the development platform, and
 * the resident memory (RSS) of a process read from /proc while the load runs.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { launch, type DevPlatform } from '../src/devplatform';
import { metaRefresh } from '../src/devplatform/agent';

export interface LoadResult {
  /** Completed requests (or launches) per second. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  /** Responses that were not the expected page (non-2xx, or a launch that did not land). */
  failures: number;
  /** The statuses of those responses, and how many of each (pages only). */
  failed?: Record<number, number>;
}

/** The p-th percentile (0–100) of a list of durations (ms), nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(latencies: number[], seconds: number, failures: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), total: latencies.length, failures };
}

/** Load one URL with autocannon: `connections` clients in a closed loop for `duration` seconds. */
export async function loadUrl(url: string, connections: number, duration: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const failed: Record<number, number> = {};
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers }, (err, result) => {
      if (err) return reject(err);
      // Requests that got no answer within autocannon's timeout count as failures too (status 0).
      if (result.timeouts) failed[0] = (failed[0] ?? 0) + result.timeouts;
      failures += result.timeouts;
      resolve();
    });
    instance.on('response', (_client, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else {
        failures++;
        failed[status] = (failed[status] ?? 0) + 1;
      }
    });
  });
  return { ...summary(latencies, (performance.now() - started) / 1000, failures), failed };
}

/**
 * Full launches (platform launch page → login initiation → auth → id_token form post → the tool's
 * first page), `concurrency` at a time for `duration` seconds; a launch counts when it lands on a
 * page matching `landed`.
 */
export async function loadLaunches(platform: DevPlatform, courseId: string, users: string[], landed: RegExp, concurrency: number, duration: number, opts: { stopAtLaunchResponse?: boolean } = {}): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let n = 0;
  const started = performance.now();
  const end = started + duration * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const page = await launch(platform, { userId: users[n++ % users.length], courseId, stopAtLaunchResponse: opts.stopAtLaunchResponse });
      // Stopped at the tool's answer to the id_token post: the page that moves on to the community (src/communities/launch-handler.ts).
      const where = opts.stopAtLaunchResponse ? (metaRefresh(page.text) ?? '') : page.url;
      if (page.status === 200 && landed.test(where)) latencies.push(performance.now() - t0);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summary(latencies, (performance.now() - started) / 1000, failures);
}

/**
 * A burst: every user launches once through to the first page, their starts spread evenly over
 * `seconds` (a class told "open CoPeR now"). `rate` is completed launches per second from the
 * first start to the last answer; `failures` counts launches that did not land or threw.
 */
export async function loadBurst(platform: DevPlatform, courseId: string, users: string[], landed: RegExp, seconds: number): Promise<LoadResult & { spanS: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    users.map(async (userId, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * seconds * 1000) / users.length));
      const t0 = performance.now();
      try {
        const page = await launch(platform, { userId, courseId });
        if (page.status === 200 && landed.test(page.url)) latencies.push(performance.now() - t0);
        else failures++;
      } catch {
        failures++;
      }
    }),
  );
  const spanS = (performance.now() - started) / 1000;
  return { ...summary(latencies, spanS, failures), spanS };
}

/** Resident memory of a process (MB), sampled every 100 ms; `stop` returns the peak. */
export function sampleRss(pid: number): { stop: () => number } {
  let peak = 0;
  const read = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) peak = Math.max(peak, Number(m[1]) / 1024);
  };
  read();
  const timer = setInterval(read, 100);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

/** Distinct values of a list with how often each occurs, most frequent first: "14 (97%), 15 (3%)". */
export function distribution(values: number[]): { mode: number | null; min: number | null; max: number | null; text: string } {
  if (values.length === 0) return { mode: null, min: null, max: null, text: '—' };
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]);
  const text = ranked.slice(0, 3).map(([v, c]) => `${v} (${Math.round((100 * c) / values.length)}%)`).join(', ');
  return { mode: ranked[0][0], min: values.reduce((a, b) => Math.min(a, b)), max: values.reduce((a, b) => Math.max(a, b)), text };
}
