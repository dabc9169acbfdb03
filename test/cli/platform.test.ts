import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { DevPlatform } from '../../src/devplatform';
import { Platform } from '../../src/kernel/platform';
import { resetPlatformOrigins } from '../../src/web/security';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** `npm run cli -- …` as an administrator types it (a separate process on the same database). */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error' },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('command line: platform add | list | remove, migrate', function () {
  this.timeout(120_000);
  let h: Harness;
  let lms: DevPlatform;
  before(async () => {
    h = await harness();
    lms = new DevPlatform({ flavour: 'moodle' });
    await lms.listen();
    lms.registerTool({ clientId: 'cli-client', deploymentId: '42', loginUrl: `${h.toolUrl}/lti/login`, launchUrl: `${h.toolUrl}/lti/launch`, jwksUrl: `${h.toolUrl}/lti/keys` });
  });
  after(() => lms.close());

  it('registers a platform that then launches, lists it, and removes it so its launches are refused', async () => {
    const r = lms.registration;
    const add = await cli(['platform', 'add', '--issuer', r.issuer, '--client-id', r.clientId, '--auth-url', r.authUrl, '--token-url', r.tokenUrl, '--jwks-url', r.jwksUrl, '--deployment', '42', '--name', 'Moodle CLI']);
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /Registered platform Moodle CLI/);
    resetPlatformOrigins();
    const course = newCourse(lms);
    const launched = await h.launch({ platform: lms, userId: 'instructor', courseId: course });
    assert.equal(launched.status, 200, launched.text.slice(0, 300));
    assert.match(launched.url, /\/setup$/);

    const list = await cli(['platform', 'list']);
    assert.equal(list.code, 0);
    assert.match(list.out, new RegExp(`active\\s+Moodle CLI\\s+issuer=${r.issuer.replace(/[.]/g, '\\.')}\\s+client_id=cli-client.*deployments=42`));

    const remove = await cli(['platform', 'remove', '--issuer', r.issuer, '--client-id', r.clientId]);
    assert.equal(remove.code, 0, remove.err);
    assert.equal((await Platform.findOne({ where: { issuer: r.issuer, clientId: r.clientId } }))!.active, false, 'kept, inactive');
    const refused = await h.launch({ platform: lms, userId: 'instructor', courseId: course });
    assert.ok(refused.status >= 400, `launch after removal: ${refused.status}`);
  });

  it('explains a bad call and exits 2', async () => {
    const missing = await cli(['platform', 'add', '--issuer', 'https://lms.example']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /missing --client-id/);
    const badUrl = await cli(['platform', 'add', '--issuer', 'not-a-url', '--client-id', 'x', '--auth-url', 'x', '--token-url', 'x', '--jwks-url', 'x']);
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.err, /--issuer: .*url/i);
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown command/);
  });

  it('reports migration status', async () => {
    const status = await cli(['migrate', 'status']);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, /up\s+20261122T0001-platforms/);
    assert.doesNotMatch(status.out, /pending/);
  });
});
