import assert from 'node:assert/strict';
import { Activity } from '../../src/activity/model';
import { Membership } from '../../src/kernel/community';
import { loadConfig } from '../../src/config';
import { RosterSync } from '../../src/lms/model';
import { ensureSyncRow } from '../../src/lms/lease';
import { runDueRosterSyncs, rosterSyncsIdle } from '../../src/lms/schedule';
import { syncCohortRoster } from '../../src/lms/sync';
import { jobs } from '../../src/worker/runner';
import { freshTokens, learners, nrpsHits, onlyDue, roster, rosterCommunity, sampleWith, syncNow, syncState } from '../helpers/roster';

const schedule = { ROSTER_SYNC_INTERVAL_MINUTES: 360, ROSTER_FULL_SYNC_HOURS: 24 };

const isMaria = /^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? '');

describe(`roster sync workers (${isMaria ? 'MariaDB' : 'SQLite'})`, () => {
  beforeEach(freshTokens);

  it('two workers at once on one cohort: one claims the lease and reads, the other is told busy', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(180)));
    // Page 1 answers 429 (Retry-After 1 s) once, so the first sync is still running when the second tries.
    rc.platform.faults.nrps.push({ page: 1, status: 429, retryAfter: 1 });
    const from = rc.platform.requests.length;
    const outcomes = await Promise.all([
      syncCohortRoster(rc.cohort.id, { owner: 'worker-A', trigger: 'schedule', fullSyncHours: 24 }),
      syncCohortRoster(rc.cohort.id, { owner: 'worker-B', trigger: 'schedule', fullSyncHours: 24 }),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['busy', 'ok']);
    assert.equal(nrpsHits(rc.platform, rc.courseId, from), 3, 'one read of 2 pages (+ the 429), not two');
    assert.equal(await Activity.count({ where: { communityId: rc.communityId, verb: 'roster.sync' } }), 1);
    assert.equal(await Membership.count({ where: { communityId: rc.communityId } }), 186);
    assert.equal(await RosterSync.count({ where: { cohortId: rc.cohort.id } }), 1);
  });

  it('two scheduled workers over the same due cohorts sync each cohort exactly once', async () => {
    const communities = [await rosterCommunity('moodle'), await rosterCommunity('canvas'), await rosterCommunity('moodle')];
    for (const rc of communities) rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(120)));
    await onlyDue(communities.map((rc) => rc.cohort.id));
    const [a, b] = await Promise.all([runDueRosterSyncs(schedule, 'worker-A'), runDueRosterSyncs(schedule, 'worker-B')]);
    const ok = [...a, ...b].filter((o) => o.status === 'ok').map((o) => o.cohortId).sort();
    assert.deepEqual(ok, communities.map((rc) => rc.cohort.id).sort());
    for (const rc of communities) {
      assert.equal(await Activity.count({ where: { communityId: rc.communityId, verb: 'roster.sync' } }), 1, `community ${rc.communityId} synced once`);
      assert.equal(await Membership.count({ where: { communityId: rc.communityId } }), 126);
    }
    // Nothing is due any more: a third pass reads nothing.
    assert.deepEqual(await runDueRosterSyncs(schedule, 'worker-C'), []);
  });

  it('a lease left by a crashed worker expires and is taken over', async () => {
    const rc = await rosterCommunity('moodle');
    await ensureSyncRow(rc.cohort);
    await RosterSync.update({ leaseOwner: 'crashed', leaseUntil: new Date(Date.now() + 60_000), state: 'running' }, { where: { cohortId: rc.cohort.id } });
    assert.equal((await syncNow(rc)).status, 'busy');
    await RosterSync.update({ leaseUntil: new Date(Date.now() - 1000) }, { where: { cohortId: rc.cohort.id } });
    assert.equal((await syncNow(rc)).status, 'ok');
    assert.equal((await syncState(rc.cohort.id)).leaseOwner, null);
  });

  it('the worker job list syncs due cohorts; the worker runs inside npm start by default', async () => {
    const job = jobs.find((j) => j.name === 'roster-sync');
    assert.ok(job, 'roster-sync is a background job');
    assert.equal(loadConfig({}).EMBEDDED_WORKER, true);
    const rc = await rosterCommunity('canvas');
    await onlyDue([rc.cohort.id]);
    const outcomes = (await job.run(rc.h.runtime)) as Array<{ status: string; cohortId: number }>;
    assert.deepEqual(outcomes.map((o) => [o.cohortId, o.status]), [[rc.cohort.id, 'ok']]);
    assert.equal((await roster(rc.communityId)).learner3.status, 'invited');
  });

  it('a launch into a course with a stale roster queues a background sync and does not wait for it', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(30)));
    rc.platform.faults.nrps.push({ page: 1, status: 429, retryAfter: 2 });
    rc.h.config.ROSTER_SYNC_ON_LAUNCH = true;
    try {
      const started = Date.now();
      const page = await rc.h.launch({ platform: rc.platform, userId: 'learner1', courseId: rc.courseId });
      assert.equal(page.status, 200);
      assert.ok(Date.now() - started < 1900, 'the launch answered before the LMS let the sync read');
      assert.equal((await roster(rc.communityId)).p0, undefined, 'not synced yet');
      await rosterSyncsIdle();
      assert.equal((await roster(rc.communityId)).p0.status, 'invited');
      const sync = await Activity.findOne({ where: { communityId: rc.communityId, verb: 'roster.sync' } });
      assert.equal(JSON.parse(sync!.data!).trigger, 'launch');
      // The roster is fresh now: the next launch does not sync again.
      const from = rc.platform.requests.length;
      await rc.h.launch({ platform: rc.platform, userId: 'learner2', courseId: rc.courseId });
      await rosterSyncsIdle();
      assert.equal(nrpsHits(rc.platform, rc.courseId, from), 0);
    } finally {
      rc.h.config.ROSTER_SYNC_ON_LAUNCH = false;
    }
  });
  it('a launch from a course whose roster link had answered 404 resumes its syncs', async () => {
    const rc = await rosterCommunity('canvas');
    assert.equal((await syncNow(rc)).status, 'ok');
    rc.platform.faults.nrps.push({ status: 404 });
    assert.equal((await syncNow(rc, { full: true })).status, 'failed');
    assert.equal((await syncState(rc.cohort.id)).state, 'stopped');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(3)));
    rc.h.config.ROSTER_SYNC_ON_LAUNCH = true;
    try {
      await rc.h.launch({ platform: rc.platform, userId: 'learner1', courseId: rc.courseId });
      await rosterSyncsIdle();
    } finally {
      rc.h.config.ROSTER_SYNC_ON_LAUNCH = false;
    }
    const state = await syncState(rc.cohort.id);
    assert.deepEqual([state.state, state.stoppedUrl], ['ok', null]);
    assert.equal((await roster(rc.communityId)).p2.status, 'invited');
  });
});
