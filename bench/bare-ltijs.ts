/**
 * The launch baseline, in a child process of bench/run.ts (ltijs is a process-wide singleton): a
 * bare ltijs tool over our database plugin on a fresh database of the same engine, with the same
 * ltijs options as CoPeR, whose onConnect just answers a small page. Whatever CoPeR adds on top
 * (launch checks, user and membership, session, activity, community home) is what the ratio measures.
 * Messages: {type:'ready', port} out.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
import http from 'node:http';
import express from 'express';
import { loadConfig } from '../src/config';
import { createSequelize } from '../src/db';
import { lti } from '../src/lti/provider';
import { SequelizePlugin } from '../src/lti/plugin';

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', PUBLIC_URL: `http://localhost:${port}`, LOG_LEVEL: 'warn' });
  const sequelize = createSequelize(config.DATABASE_URL);
  const plugin = new SequelizePlugin(sequelize);
  lti.setup(config.LTI_KEY, { plugin }, {
    appRoute: '/launch', loginRoute: '/login', keysetRoute: '/keys', ltiaas: true, cors: false, devMode: false,
    tokenMaxAge: 60 + config.LTI_CLOCK_TOLERANCE, cookies: { secure: true, sameSite: 'None' },
  });
  lti.onConnect((_token, _req, res) => res.send('<!doctype html><html lang="fr"><title>Bonjour</title><p>Bonjour</p></html>'));
  await lti.deploy({ serverless: true, silent: true });
  const reg = JSON.parse(process.env.BENCH_PLATFORM!) as { issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string };
  await lti.registerPlatform({ url: reg.issuer, name: 'bench', clientId: reg.clientId, authenticationEndpoint: reg.authUrl, accesstokenEndpoint: reg.tokenUrl, authConfig: { method: 'JWK_SET', key: reg.jwksUrl } });
  const app = express();
  app.use('/lti', lti.app);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, resolve));
  process.send!({ type: 'ready', port });
}

// A clean exit on SIGTERM, so that a CPU profile (BENCH_PROFILE) is written.
process.on('SIGTERM', () => process.exit(0));

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
