import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../src/config';
import { bootstrap, type Runtime } from '../../src/bootstrap';
import { buildApp } from '../../src/app';
import { addPlatform } from '../../src/lti/platforms';
import { resetPlatformOrigins } from '../../src/web/security';
import { DevPlatform, launch, BrowserAgent, type Flavour, type LaunchParams } from '../../src/devplatform';
import { emptyDatabase } from './db';
import { CUSTOM_PARAMETERS } from '../../src/lti/custom-params';

export interface Harness {
  config: Config;
  runtime: Runtime;
  app: Express;
  toolUrl: string;
  /** The Moodle-flavoured development platform (registered with the tool). */
  moodle: DevPlatform;
  /** A second, Canvas-flavoured platform (registered too). */
  canvas: DevPlatform;
  launch: (p: LaunchParams & { platform?: DevPlatform }) => ReturnType<typeof launch>;
}

let pending: Promise<Harness> | null = null;

/**
 * One tool and two development platforms per test process, over real HTTP on different sites
 * (tool on localhost, platforms on 127.0.0.1), exactly as an LMS frames a tool. ltijs is a
 * process-wide singleton, hence one harness shared by every test file.
 */
export function harness(): Promise<Harness> {
  pending ??= start();
  return pending;
}

async function start(): Promise<Harness> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as AddressInfo).port;
  const config = loadConfig({ ...process.env, PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
  await emptyDatabase(config.DATABASE_URL);
  const runtime = await bootstrap(config);
  const app = buildApp(config, runtime.sequelize);
  server.on('request', app);
  const toolUrl = config.PUBLIC_URL;
  const moodle = await platformFor('moodle', toolUrl);
  const canvas = await platformFor('canvas', toolUrl);
  after(async () => {
    await Promise.all([moodle.close(), canvas.close()]);
    server.closeAllConnections();
    server.close();
    await runtime.sequelize.close();
  });
  return {
    config,
    runtime,
    app,
    toolUrl,
    moodle,
    canvas,
    launch: ({ platform, ...p }) => launch(platform ?? moodle, p),
  };
}

/** A development platform registered with the tool, and the tool with it (as an administrator would). */
export async function platformFor(flavour: Flavour, toolUrl: string): Promise<DevPlatform> {
  const platform = new DevPlatform({ flavour });
  await platform.listen();
  const reg = platform.registration;
  platform.registerTool({
    clientId: reg.clientId,
    deploymentId: reg.deploymentId,
    loginUrl: `${toolUrl}/lti/login`,
    launchUrl: `${toolUrl}/lti/launch`,
    jwksUrl: `${toolUrl}/lti/keys`,
    customParameters: { ...CUSTOM_PARAMETERS }, // what CoPeR asks for at registration
  });
  await addPlatform({ ...reg, deploymentIds: [reg.deploymentId], kind: flavour });
  resetPlatformOrigins();
  return platform;
}

let courseSeq = 0;
/** A fresh course on a platform (its own community), with the sample members. */
export function newCourse(platform: DevPlatform, title = 'Cours'): string {
  const id = `course-${Date.now().toString(36)}-${++courseSeq}`;
  const sample = platform.courses.get('course-1')!;
  platform.addCourse({ id, title: `${title} ${courseSeq}`, label: `C${courseSeq}`, members: sample.members.map((m) => ({ ...m })) });
  return id;
}

/** Read a hidden form field (session token, CSRF token) from a page. */
export function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name} in page`);
  return m[1];
}

export { BrowserAgent };
