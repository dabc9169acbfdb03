import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

const ROOT = path.resolve(__dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  /** Every JSON log line written so far (stdout and stderr), parsed. */
  logs: Record<string, unknown>[];
  /** Everything written that was not a JSON log line (stack traces, CLI output). */
  other: string[];
  /** Resolve with the first log line matching `pred` (already written or to come). */
  waitForLog: (pred: (l: Record<string, unknown>) => boolean, ms?: number) => Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** A fresh SQLite database URL in the temporary folder. */
export function tempSqliteUrl(label: string): string {
  return `sqlite:${path.join(os.tmpdir(), `coper-${label}-${process.pid}-${crypto.randomBytes(3).toString('hex')}.sqlite`)}`;
}

/** Start `src/<script>.ts` (server, worker, cli) as its own node process, as `npm start` would, with `env` on top of the test's. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = []): AppProcess {
  const inherited = { ...process.env };
  delete inherited.NODE_TLS_REJECT_UNAUTHORIZED; // a test may relax it for itself, never for the app
  const child = spawn(process.execPath, ['--import', 'tsx', `src/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', EMBEDDED_WORKER: 'false', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const other: string[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  const onLine = (line: string) => {
    if (!line.startsWith('{')) return void (line && other.push(line));
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      logs.push(parsed);
      for (const w of [...waiters]) if (w.pred(parsed)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(parsed));
    } catch {
      other.push(line);
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      lines.forEach(onLine);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLog = (pred: (l: Record<string, unknown>) => boolean, ms = 60_000) => {
    const found = logs.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such log line within ${ms} ms; got: ${JSON.stringify(logs.map((l) => l.event))} ${other.join('\n')}`)), ms);
      waiters.push({ pred, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      void exited.then(() => setTimeout(() => reject(new Error(`process exited; logs: ${JSON.stringify(logs.map((l) => l.event))} ${other.join('\n')}`)), 50));
    });
  };
  return { child, logs, other, waitForLog, exited };
}

/** Start the web server (`src/server.ts`) and resolve once it listens, with its address. */
export async function startServer(env: Record<string, string>): Promise<AppProcess & { url: string }> {
  const p = startProcess('server', env);
  const listening = await p.waitForLog((l) => l.event === 'listening');
  return { ...p, url: `http://127.0.0.1:${listening.port as number}` };
}

/** Stop a process we started (by its own id), and wait for it. */
export async function stopProcess(p: AppProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

/** A port free right now (for a process whose PUBLIC_URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
