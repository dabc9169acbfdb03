import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Activity } from '../../src/activity/model';
import { ScoreOutbox } from '../../src/gradebook/model';
import { jobs } from '../../src/worker/runner';
import { contribute, freshTokens, gradeCommunity, len, participationItem, type GradeCommunity } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(gc: GradeCommunity, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: gc.h.config.DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'error', EMBEDDED_WORKER: 'false' };
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('grades push from the command line', () => {
  beforeEach(freshTokens);

  it('`npm run cli -- grades push --community ID` sends every graded member’s score and exits 0', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2']);
    await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
    gc.platform.faults.scores.push({ status: 503, times: 2 });
    const res = await run(gc, ['grades', 'push', '--community', String(gc.communityId)]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stdout, /pushed +.*\(community \d+\): 2 queued — 2 sent, 0 unchanged, 0 already in the LMS, 0 failed, 0 still pending/);
    const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
    assert.deepEqual([item.scores.get('learner1').scoreGiven, item.scores.get('learner2').scoreGiven], [3, 0]);
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId, status: 'pending' } }), 0);
    assert.equal(await Activity.count({ where: { communityId: gc.communityId, verb: 'participation.push', userId: null } }), 1);
  });

  it('exits 1 and names the refusal when the LMS parks a score; 2 on a bad argument', async () => {
    const gc = await gradeCommunity('canvas', ['learner1', 'learner3']);
    gc.platform.setRoster(gc.courseId, gc.platform.courses.get(gc.courseId)!.members.filter((x) => x.id !== 'learner3'));
    const res = await run(gc, ['grades', 'push', '--community', String(gc.communityId)]);
    assert.equal(res.code, 1, res.stderr + res.stdout);
    assert.match(res.stdout, /INCOMPLETE .*1 sent.*1 failed/);
    assert.match(res.stdout, new RegExp(`failed  membership ${gc.m.learner3.id}: refused — User not found in course or is not a student`));
    const bad = await run(gc, ['grades', 'push', '--community', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--community takes a community id/);
  });
});

describe('the background worker sends scores', () => {
  it('the score-sync job is in the worker’s list and sends due scores', async () => {
    const job = jobs.find((j) => j.name === 'score-sync');
    assert.ok(job, 'score-sync is a background job (npm start and npm run worker)');
    const gc = await gradeCommunity('canvas', ['learner1']);
    await contribute(gc, 'learner1', 'resource.share', {}, { type: 'resource', id: 1 });
    const stats = (await job.run(gc.h.runtime)) as { sent: number };
    assert.ok(stats.sent >= 1);
    assert.equal(participationItem(gc.platform, gc.courseId, gc.communityId)!.scores.get('learner1').scoreGiven, 2);
  });
});
