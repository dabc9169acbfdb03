import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { harness } from '../helpers/harness';
import { Community } from '../../src/kernel/community';
import { Post } from '../../src/discussions/model';
import { Resource } from '../../src/resources/model';
import { Membership } from '../../src/kernel/community';
import { Platform } from '../../src/kernel/platform';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** `npm run cli -- seed …` in a process of its own, on the test database. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' } });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('command line: seed', function () {
  this.timeout(120_000);
  before(() => harness());

  it('seeds a new community on the seed platform (no launch can come from it) and reports what it wrote', async () => {
    const res = await cli(['seed', '--members', '15', '--posts', '120', '--resources', '9', '--seed', '3', '--title', 'Communauté CLI', '--now', '2026-09-01']);
    assert.equal(res.code, 0, res.err);
    const id = Number(/Community (\d+) seeded/.exec(res.out)?.[1]);
    const community = await Community.findByPk(id);
    assert.equal(community?.title, 'Communauté CLI');
    assert.equal(await Post.count({ where: { communityId: id } }), 120);
    assert.equal(await Resource.count({ where: { communityId: id } }), 9);
    assert.equal(await Membership.count({ where: { communityId: id } }), 15);
    assert.match(res.out, /posts\s+120/);
    const seedPlatform = await Platform.findOne({ where: { issuer: 'https://seed.coper.invalid' } });
    assert.equal(seedPlatform?.active, false);
  });

  it('adds content to an existing community with --community', async () => {
    const res = await cli(['seed', '--members', '5', '--posts', '30', '--resources', '2', '--seed', '4', '--title', 'Base']);
    const id = Number(/Community (\d+) seeded/.exec(res.out)?.[1]);
    const more = await cli(['seed', '--members', '5', '--posts', '20', '--resources', '1', '--seed', '5', '--community', String(id)]);
    assert.equal(more.code, 0, more.err);
    assert.equal(await Post.count({ where: { communityId: id } }), 50);
    assert.equal(await Membership.count({ where: { communityId: id } }), 10);
  });

  it('refuses bad arguments with a usage message (exit 2) and writes nothing', async () => {
    const before = await Community.count();
    for (const args of [['--members', 'many', '--posts', '1', '--resources', '1'], ['--members', '5', '--posts', '1', '--resources', '1', '--community', '1', '--title', 'X y z'], ['--members', '5', '--posts', '1', '--resources', '1', '--now', 'hier']]) {
      const res = await cli(['seed', ...args]);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.out} ${res.err}`);
      assert.match(res.err, /seed: /);
    }
    const missing = await cli(['seed', '--members', '5', '--posts', '1', '--resources', '1', '--community', '999999']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no community 999999/);
    assert.equal(await Community.count(), before);
  });
});
