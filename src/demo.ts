process.env.UV_THREADPOOL_SIZE ??= '16'; // see src/server.ts
import { CUSTOM_PARAMETERS } from './lti/custom-params';
import { loadConfig, ConfigError } from './config';
import { bootstrap } from './bootstrap';
import { buildApp } from './app';
import { addPlatform } from './lti/platforms';
import { DevPlatform, sampleCourse } from './devplatform';
import { seedDemo, demoCourse, DEMO_COURSE_ID } from './seed/demo';
import { startWorker } from './worker/runner';
import { log } from './log';
import { outboxDir } from './notifications/mailer';

/**
 * `npm run demo`: the tool on SQLite (http://localhost:3000) and the development platform on
 * another site (http://127.0.0.1:3001), registered with each other, exactly as an LMS frames a
 * tool. The platform's client id and deployment stay the same across restarts, so the demo's
 * people and communities carry over. On first start the sample course is already a living
 * community (seeded: src/seed/demo.ts); a second course, with the same people, shows the setup page.
 */
async function main(): Promise<void> {
  const platformPort = Number(process.env.DEMO_PLATFORM_PORT ?? 3001);
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' });
  const runtime = await bootstrap(config);
  const app = buildApp(config, runtime.sequelize);
  await new Promise<void>((resolve, reject) => {
    const server = app.listen(config.PORT, () => resolve());
    server.once('error', reject);
  });
  const setupCourse = { ...sampleCourse(), id: 'course-2', title: 'Atelier — nouvelle communauté / Workshop — new community', label: 'ATELIER-2' };
  const platform = new DevPlatform({ flavour: 'moodle', issuer: `http://127.0.0.1:${platformPort}`, courses: [demoCourse(), setupCourse] });
  platform.registerTool({
    clientId: 'coper-demo',
    deploymentId: '1',
    loginUrl: `${config.PUBLIC_URL}/lti/login`,
    launchUrl: `${config.PUBLIC_URL}/lti/launch`,
    jwksUrl: `${config.PUBLIC_URL}/lti/keys`,
    customParameters: { ...CUSTOM_PARAMETERS }, // as CoPeR asks at registration
  });
  await platform.listen(platformPort, '127.0.0.1');
  const reg = platform.registration;
  const { platform: row } = await addPlatform({ ...reg, deploymentIds: [reg.deploymentId], kind: 'moodle', name: 'Plateforme de démonstration / Demo platform' });
  // A fixed anchor per start (the hour): the seeded history ends just before the visitor arrives.
  const now = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
  const seeded = await seedDemo(runtime.sequelize, { platformId: row.id, deploymentId: reg.deploymentId, nrpsUrl: platform.membershipsUrl(DEMO_COURSE_ID), now });
  if (seeded) log.info('demo_seeded', { community: seeded.communityId, posts: seeded.counts.posts, ms: seeded.ms });
  if (config.EMBEDDED_WORKER) startWorker(runtime);
  log.info('demo_ready', { tool: config.PUBLIC_URL, platform: platform.url });
  process.stdout.write(
    [
      '',
      '  CoPeR — démo / demo',
      '',
      `  Ouvrez / Open:  ${platform.url}/`,
      '',
      `  (outil / tool: ${config.PUBLIC_URL} — base de données / database: ${config.DATABASE_URL})`,
      `  Courriels / E-mails: ${config.SMTP_URL ? config.SMTP_URL.replace(/\/\/[^@]*@/, '//***@') : `${outboxDir(config)}/*.eml`}`,
      '  Ctrl+C pour arrêter / to stop.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `Port already in use: ${(err as Error).message}. Set PORT / DEMO_PLATFORM_PORT.` : (err as Error).stack;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
