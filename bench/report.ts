/**
 * The benchmark's report, in Markdown: the command, the machine, seeding times, then per engine
 * and size one table of pages (rate, latency, SQL statements per request, memory, ratio to the
 * ceiling) and the launch line (ratio to bare ltijs, platform JWKS fetches), and the check that
 * statements per request do not grow with the community.
 */
import os from 'node:os';
import type { LoadResult } from './load';

export interface PageRow {
  page: string;
  /** The first request, every cache empty (ms). */
  firstMs: number;
  /** The first request after a member's contribution, once the process is warm (ms): the facilitator dashboard's target. */
  afterChangeMs?: number;
  real: LoadResult;
  /** The same page with one client at a time: latency without queueing. */
  single: LoadResult;
  ceiling: LoadResult | null;
  /** The machine's 1-minute load average after the measurement (other processes share it). */
  load: number;
  queries: { mode: number | null; text: string };
  rssMb: number;
}

export interface LaunchRow {
  /** Launches through to the community home. */
  real: LoadResult;
  /** The same, stopped at the tool's redirect after the id_token post (what the bare ltijs tool's page stands for). */
  alone: LoadResult;
  bare: LoadResult | null;
  queriesPerLaunch: number;
  jwksFetches: number;
  launches: number;
  /** The burst scenario (distinct members launching within a few seconds), CoPeR and bare ltijs under the same burst. */
  burst?: { users: number; seconds: number; coper: BurstResult; bare: BurstResult | null };
}

export type BurstResult = LoadResult & { spanS: number };

export interface RunSection {
  engine: string;
  size: string;
  label: string;
  seed: { ms: number; rows: number; posts: number };
  pages: PageRow[];
  launch: LaunchRow;
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** The machine line: cores, memory, Node, OS. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

function pageTable(s: RunSection): string[] {
  const lines = [
    '| page | first request (cold) ms | after a change ms | req/s | p50 ms | p95 ms | p99 ms | 1 client: p50 / p95 ms | ceiling req/s | × ceiling | SQL / request | RSS peak (MB) | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const p of s.pages) {
    const ratio = p.ceiling ? p.real.rate / p.ceiling.rate : NaN;
    const failed = p.real.failures ? ` ⚠ ${p.real.failures} failed` : '';
    lines.push(`| ${p.page}${failed} | ${f0(p.firstMs)} | ${p.afterChangeMs === undefined ? '—' : f0(p.afterChangeMs)} | ${f0(p.real.rate)} | ${f1(p.real.p50)} | ${f1(p.real.p95)} | ${f1(p.real.p99)} | ${f1(p.single.p50)} / ${f1(p.single.p95)} | ${p.ceiling ? f0(p.ceiling.rate) : '—'} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'} | ${p.queries.text} | ${f0(p.rssMb)} | ${p.load.toFixed(1)} |`);
  }
  const l = s.launch;
  const ratio = l.bare ? l.real.rate / l.bare.rate : NaN;
  const aloneRatio = l.bare ? l.alone.rate / l.bare.rate : NaN;
  // Launches not measured (`--pages` without launch): no table of dashes.
  if (Number.isFinite(l.real.rate) || Number.isFinite(l.alone.rate)) {
    lines.push('');
    lines.push('| launch (login → id_token → first page) | launches/s | p50 ms | p95 ms | p99 ms | bare ltijs launches/s | × bare ltijs | SQL / launch | platform JWKS fetches |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(`| CoPeR → its redirect (launch alone)${l.alone.failures ? ` ⚠ ${l.alone.failures} failed` : ''} | ${f1(l.alone.rate)} | ${f0(l.alone.p50)} | ${f0(l.alone.p95)} | ${f0(l.alone.p99)} | ${l.bare ? f1(l.bare.rate) : '—'} | ${Number.isFinite(aloneRatio) ? aloneRatio.toFixed(2) : '—'} | | |`);
    lines.push(`| CoPeR → community home${l.real.failures ? ` ⚠ ${l.real.failures} failed` : ''} | ${f1(l.real.rate)} | ${f0(l.real.p50)} | ${f0(l.real.p95)} | ${f0(l.real.p99)} | ${l.bare ? f1(l.bare.rate) : '—'} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'} | ${f1(l.queriesPerLaunch)} | ${l.jwksFetches} in ${l.launches} launches |`);
  }
  if (l.burst) {
    const b = l.burst;
    lines.push('');
    lines.push(`| burst: ${b.users} distinct members start within ${b.seconds} s | completed | errors | all answered after (s) | p50 ms | p95 ms | p99 ms |`);
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    const row = (name: string, r: BurstResult) => `| ${name} | ${r.total} | ${r.failures} | ${f1(r.spanS)} | ${f0(r.p50)} | ${f0(r.p95)} | ${f0(r.p99)} |`;
    lines.push(row('CoPeR → community home', b.coper));
    if (b.bare) lines.push(row('bare ltijs → its page', b.bare));
  }
  return lines;
}

/** Statements per request by page, for every size of one engine: equal means no N+1. */
function growthTable(sections: RunSection[]): string[] {
  const engines = [...new Set(sections.map((s) => s.engine))];
  const lines: string[] = [];
  for (const engine of engines) {
    const runs = sections.filter((s) => s.engine === engine);
    lines.push(`| ${engine}: SQL / request | ${runs.map((r) => r.label).join(' | ')} |`, `|---|${runs.map(() => '---:').join('|')}|`);
    for (const page of runs[0].pages.map((p) => p.page)) lines.push(`| ${page} | ${runs.map((r) => r.pages.find((p) => p.page === page)?.queries.mode ?? '—').join(' | ')} |`);
    lines.push('');
  }
  return lines;
}

/** The whole report. */
export function renderReport(opts: { command: string; started: Date; load: string; versions: string }, sections: RunSection[]): string {
  const out = [
    `# Benchmark run — ${opts.started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Command: \`${opts.command}\``,
    `- Machine: ${machine()}`,
    `- Databases: ${opts.versions}`,
    `- Load: ${opts.load}`,
    '',
    '## Seeding',
    '',
    '| engine | size | posts | rows written | time (s) |',
    '|---|---|---:|---:|---:|',
    ...sections.map((s) => `| ${s.engine} | ${s.label} | ${s.seed.posts} | ${s.seed.rows} | ${(s.seed.ms / 1000).toFixed(1)} |`),
    '',
  ];
  for (const s of sections) out.push(`## ${s.engine} — ${s.label}`, '', ...pageTable(s), '');
  out.push('## SQL statements per request, by community size', '', ...growthTable(sections));
  return out.join('\n');
}
