/**
 * The tool under test, in a child process of bench/run.ts (forked, IPC channel): the real app
 * (bootstrap + buildApp, production settings), wrapped from the outside — nothing bench-only in
 * the app itself:
 * - every request runs inside `withQueryCounter` (src/db); the count is read when the response ends;
 * - a request carrying `x-bench-capture: KEY` has the view and plain data it renders kept in memory;
 * - a bare Express + EJS app on a second port renders a kept page from memory (the "ceiling").
 * Messages: {type:'ready', port, ceilingPort} out; {type:'reset'} / {type:'collect'} in, {type:'queries', counts: [path, n][]} out.
 */
process.env.UV_THREADPOOL_SIZE ??= '16'; // as src/server.ts
import http from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../src/config';
import { bootstrap } from '../src/bootstrap';
import { buildApp } from '../src/app';
import { withQueryCounter, currentQueryCount } from '../src/db';
import { addPlatform } from '../src/lti/platforms';

const ROOT = path.resolve(__dirname, '..');

interface Captured {
  view: string;
  locals: Record<string, unknown>;
}

async function listen(server: http.Server, port: number): Promise<number> {
  // Every interface: launches go to http://localhost (IPv4 or IPv6), load to 127.0.0.1.
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  // The load comes from one address at hundreds of launches a minute: rate limits off unless BENCH sets them.
  const noLimits = { RATE_LIMIT_LAUNCH_PER_MINUTE: '0', RATE_LIMIT_LOGIN_PER_MINUTE: '0', RATE_LIMIT_WRITE_PER_MINUTE: '0' };
  const config = loadConfig({ ...noLimits, ...process.env, NODE_ENV: 'production', PUBLIC_URL: `http://localhost:${port}`, EMBEDDED_WORKER: 'false', ROSTER_SYNC_ON_LAUNCH: 'false', LOG_LEVEL: 'warn' });
  const rt = await bootstrap(config);
  const registration = JSON.parse(process.env.BENCH_PLATFORM!) as Parameters<typeof addPlatform>[0];
  await addPlatform(registration);
  const app = buildApp(config, rt.sequelize);
  // BENCH_SQL=1: the statements of each captured request (x-bench-capture), with their time, on stderr; BENCH_SQL=all: of every request.
  const listing = new AsyncLocalStorage<string[]>();
  if (process.env.BENCH_SQL) {
    // Sequelize reads its options on each query (`options` is not in its typings).
    const options = (rt.sequelize as unknown as { options: { logging: (sql: string, ms?: number) => void } }).options;
    const log = options.logging;
    Object.assign(options, {
      benchmark: true,
      logging: (sql: string, ms?: number) => {
        log(sql);
        listing.getStore()?.push(`${String(ms ?? '?').padStart(4)} ms  ${sql.replace(/^Executing \(\w+\): /, '').slice(0, 300)}`);
      },
    });
  }

  const captured = new Map<string, Captured>();
  const render = app.response.render;
  app.response.render = function (this: express.Response, view: string, options?: object, cb?: (err: Error, html: string) => void) {
    const key = this.req.get('x-bench-capture');
    if (key) captured.set(key, { view, locals: { ...this.locals, ...(options ?? {}) } });
    return (render as (...a: unknown[]) => void).call(this, view, options, cb);
  } as typeof app.response.render;

  let counts: Array<[string, number]> = [];
  const server = http.createServer((req, res) =>
    withQueryCounter(() => {
      const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.end = ((...a: unknown[]) => {
        const n = currentQueryCount();
        if (n !== undefined) counts.push([(req.url ?? '').split('?')[0], n]);
        return end(...a);
      }) as typeof res.end;
      const key = req.headers['x-bench-capture'] ?? (process.env.BENCH_SQL === 'all' ? `${req.method} ${req.url?.split('?')[0]}` : undefined);
      if (!process.env.BENCH_SQL || !key) return app(req, res);
      const lines: string[] = [];
      res.on('finish', () => process.stderr.write(`--- ${key}: ${lines.length} statements\n${lines.join('\n')}\n`));
      listing.run(lines, () => app(req, res));
    }),
  );
  server.keepAliveTimeout = 30_000;

  const ceiling = express();
  ceiling.set('views', path.join(ROOT, 'views'));
  ceiling.set('view engine', 'ejs');
  ceiling.set('view cache', true);
  // The helpers every view may call (app.locals: displayName, publicUrl…), as in the real app.
  for (const [k, v] of Object.entries(app.locals)) if (k !== 'settings') ceiling.locals[k] = v;
  ceiling.get('/page/:key', (req, res) => {
    const page = captured.get(req.params.key);
    if (!page) return void res.status(404).send('not captured');
    res.render(page.view, page.locals);
  });
  const ceilingServer = http.createServer(ceiling);

  process.on('message', (m: { type: string }) => {
    if (m.type === 'reset') counts = [];
    if (m.type === 'collect') process.send!({ type: 'queries', counts });
  });
  await listen(server, port);
  const ceilingPort = await listen(ceilingServer, 0);
  process.send!({ type: 'ready', port, ceilingPort });
}

// A clean exit on SIGTERM, so that a CPU profile (BENCH_PROFILE) is written.
process.on('SIGTERM', () => process.exit(0));

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
