import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { scratchDatabase } from '../helpers/db';
import { startProcess, startServer, stopProcess, freePort, type AppProcess } from '../helpers/processes';
import { DevPlatform, launch } from '../../src/devplatform';
import { CUSTOM_PARAMETERS } from '../../src/lti/custom-params';
import { parseDatabaseUrl } from '../../src/db';

/** Run `npm run cli -- …` on a database; its exit code and what it printed. */
async function cli(databaseUrl: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const p = startProcess('cli', { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, args);
  const code = await p.exited;
  return { code, output: p.other.join('\n') };
}

/** A development platform registered with a tool running in another process, through the CLI (as an administrator would). */
async function registeredPlatform(databaseUrl: string, toolUrl: string): Promise<DevPlatform> {
  const platform = new DevPlatform({ flavour: 'moodle' });
  await platform.listen();
  const reg = platform.registration;
  platform.registerTool({
    clientId: reg.clientId, deploymentId: reg.deploymentId, loginUrl: `${toolUrl}/lti/login`, launchUrl: `${toolUrl}/lti/launch`, jwksUrl: `${toolUrl}/lti/keys`, customParameters: { ...CUSTOM_PARAMETERS },
  });
  const added = await cli(databaseUrl, [
    'platform', 'add', `--issuer=${reg.issuer}`, `--client-id=${reg.clientId}`, `--auth-url=${reg.authUrl}`, `--token-url=${reg.tokenUrl}`, `--jwks-url=${reg.jwksUrl}`, `--deployment=${reg.deploymentId}`, `--name=${reg.name}`,
  ]);
  assert.equal(added.code, 0, added.output);
  return platform;
}

describe('operations: backup and restore from the command line', function () {
  this.timeout(180_000);
  let h: Harness;
  const started: AppProcess[] = [];
  let platform: DevPlatform | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-backup-'));
  before(async () => {
    h = await harness();
  });
  after(async () => {
    await Promise.all(started.map((p) => stopProcess(p, 'SIGKILL')));
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a running CoPeR, restores the backup into an empty database, and a member launches into the restored community', async () => {
    const source = await scratchDatabase('backup_src');
    const target = await scratchDatabase('backup_dst');
    const port = await freePort();
    const toolUrl = `http://localhost:${port}`;
    const env = { PORT: String(port), PUBLIC_URL: toolUrl };
    const first = await startServer({ ...env, DATABASE_URL: source });
    started.push(first);
    platform = await registeredPlatform(source, toolUrl);
    const tool: Harness = { ...h, toolUrl, moodle: platform, launch: ({ platform: p, ...rest }) => launch(p ?? platform!, rest) };
    const course = newCourse(platform);
    const { communityId } = await setUpCommunity(tool, platform, course, { title: 'Communauté sauvegardée', purpose: 'Vérifier qu’une sauvegarde se restaure entière.' });

    const file = path.join(dir, parseDatabaseUrl(source).dialect === 'sqlite' ? 'coper.sqlite' : 'coper.sql');
    const backup = await cli(source, ['backup', '--out', file]);
    assert.equal(backup.code, 0, backup.output);
    assert.match(backup.output, /Backup written: .*\(\d+ bytes\)/);
    assert.ok(fs.statSync(file).size > 10_000);
    assert.deepEqual(fs.readdirSync(dir), [path.basename(file)], 'no partial file left');
    const again = await cli(source, ['backup', '--out', file]);
    assert.equal(again.code, 2, 'an existing backup is never overwritten by mistake');
    await stopProcess(first);

    const restored = await cli(target, ['restore', '--from', file]);
    assert.equal(restored.code, 0, restored.output);
    const second = await startServer({ ...env, DATABASE_URL: target });
    started.push(second);
    assert.ok(!second.logs.some((l) => l.event === 'migrated'), 'the restored database is already migrated');
    const learner = await launch(platform, { userId: 'learner1', courseId: course });
    assert.equal(learner.status, 200, learner.text.slice(0, 300));
    assert.match(learner.url, new RegExp(`/c/${communityId}$`));
    assert.match(learner.text, /Communauté sauvegardée/);

    const refused = await cli(target, ['restore', '--from', file]);
    assert.equal(refused.code, 2, 'a database that is not empty is not replaced without --force');
    assert.match(refused.output, /not empty.*--force/);
  });

  it('refuses a file that is not a backup, and explains a missing argument', async () => {
    const target = await scratchDatabase('backup_bad');
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    if (parseDatabaseUrl(target).dialect === 'sqlite') {
      const bad = await cli(target, ['restore', '--from', junk]);
      assert.equal(bad.code, 2);
      assert.match(bad.output, /not a SQLite backup/);
    }
    const missing = await cli(target, ['backup']);
    assert.equal(missing.code, 2);
    assert.match(missing.output, /--out FILE is required/);
  });
});
