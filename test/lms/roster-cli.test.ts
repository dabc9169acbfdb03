import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Activity } from '../../src/activity/model';
import { RosterSync } from '../../src/lms/model';
import { learners, onlyDue, roster, rosterCommunity, sampleWith, type RosterCommunity } from '../helpers/roster';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** The environment a separate process gets: the same database as this test process. */
function env(rc: RosterCommunity): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: rc.h.config.DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'error', EMBEDDED_WORKER: 'false' };
}

function run(rc: RosterCommunity, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT, env: env(rc) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('roster sync from the command line and from a worker process', () => {
  it('`npm run cli -- roster sync --community ID` syncs, prints a summary and exits 0', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(210)));
    const res = await run(rc, ['roster', 'sync', '--community', String(rc.communityId)]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stdout, /synced +.*\(community \d+\): 215 added, 0 back, 0 updated, 0 deactivated, 0 errors — 216 members in 3 page\(s\), full/);
    assert.equal((await roster(rc.communityId)).p209.status, 'invited');
    const sync = await Activity.findOne({ where: { communityId: rc.communityId, verb: 'roster.sync' } });
    assert.equal(JSON.parse(sync!.data!).trigger, 'cli');
  });

  it('exits 1 with the reason when the LMS refuses, and 2 on a bad argument', async () => {
    const rc = await rosterCommunity('canvas');
    rc.platform.faults.nrps.push({ status: 404 });
    const failed = await run(rc, ['roster', 'sync', '--community', String(rc.communityId)]);
    assert.equal(failed.code, 1, failed.stderr + failed.stdout);
    assert.match(failed.stdout, /FAILED .*link_removed/);
    const logLine = (failed.stderr + failed.stdout).split('\n').find((l) => l.includes('roster_sync_refused'));
    assert.ok(logLine, 'the refusal is logged (LOG_LEVEL=error: at error level, since a person must act)');
    assert.match(logLine!, /"code":"link_removed"/);
    assert.match(logLine!, /"status":404/);
    const bad = await run(rc, ['roster', 'sync', '--community', 'abc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--community takes a community id/);
  });

  it('`npm run worker` alone picks up due cohorts and syncs them', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(5)));
    await onlyDue([rc.cohort.id]);
    const child = spawn(TSX, ['src/worker.ts'], { cwd: ROOT, env: env(rc), stdio: 'ignore' });
    try {
      const deadline = Date.now() + 45_000;
      let state: RosterSync | null = null;
      while (Date.now() < deadline) {
        state = await RosterSync.findOne({ where: { cohortId: rc.cohort.id } });
        if (state?.state === 'ok') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(state?.state, 'ok', 'the worker process synced the cohort');
      assert.equal(state!.leaseOwner, null, 'the lease was released');
      assert.equal((await roster(rc.communityId)).p4.status, 'invited');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  });
});
