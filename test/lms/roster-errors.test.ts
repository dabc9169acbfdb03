import assert from 'node:assert/strict';
import { SCOPES } from '../../src/devplatform';
import { Activity } from '../../src/activity/model';
import { findDueCohorts } from '../../src/lms/schedule';
import { freshTokens, learners, nrpsHits, roster, rosterCommunity, sampleWith, syncNow, syncState } from '../helpers/roster';

const tokenHits = (p: { requests: Array<{ path: string }> }, from: number) => p.requests.slice(from).filter((r) => r.path === '/token').length;
const schedule = { ROSTER_SYNC_INTERVAL_MINUTES: 360, ROSTER_FULL_SYNC_HOURS: 24 };

describe('roster sync: LMS errors are specific, retried when worth it, visible', () => {
  beforeEach(freshTokens);

  it('401 on a page: the token is refused once, re-requested once, and the sync succeeds', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(120)));
    rc.platform.faults.nrps.push({ page: 2, status: 401 });
    const from = rc.platform.requests.length;
    const out = await syncNow(rc);
    assert.equal(out.status, 'ok', JSON.stringify(out));
    assert.equal(tokenHits(rc.platform, from), 2, 'one token, then one fresh token after the 401');
    assert.equal(nrpsHits(rc.platform, rc.courseId, from), 3, 'page 1, page 2 refused, page 2 again');
    assert.equal((await roster(rc.communityId)).p119.status, 'invited');
  });

  it('401 twice in a row: fails as unauthorized, changes nothing, retries later', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.faults.nrps.push({ status: 401, times: 2 });
    const before = await roster(rc.communityId);
    const out = await syncNow(rc);
    rc.platform.faults.nrps.length = 0;
    assert.equal(out.status, 'failed');
    assert.equal(out.status === 'failed' && out.error, 'unauthorized');
    assert.ok(out.status === 'failed' && out.retryAt);
    assert.deepEqual(await roster(rc.communityId), before);
    assert.equal(await Activity.count({ where: { communityId: rc.communityId, verb: 'roster.sync_failed' } }), 1);
  });

  it('429 with Retry-After: waits as told, then reads the page again', async () => {
    const rc = await rosterCommunity('canvas');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(150)));
    rc.platform.faults.nrps.push({ page: 2, status: 429, retryAfter: 1 });
    const from = rc.platform.requests.length;
    const started = Date.now();
    const out = await syncNow(rc);
    const elapsed = Date.now() - started;
    assert.equal(out.status, 'ok', JSON.stringify(out));
    assert.ok(elapsed >= 1000, `waited ${elapsed} ms, Retry-After said 1 s`);
    const hits = rc.platform.requests.slice(from).filter((r) => r.path.includes('/nrps/'));
    assert.equal(hits.length, 3);
    assert.ok(hits[2].at - hits[1].at >= 1000, 'the retry came after the delay');
    assert.equal(Object.keys(await roster(rc.communityId)).length, 156);
  });

  it('a long Retry-After (429, or Canvas 403 throttling) ends the sync and schedules it after the delay', async () => {
    for (const status of [429, 403]) {
      const rc = await rosterCommunity('canvas');
      rc.platform.faults.nrps.push({ status, retryAfter: 600 });
      const before = await roster(rc.communityId);
      const out = await syncNow(rc);
      assert.equal(out.status, 'failed');
      if (out.status !== 'failed') return;
      assert.equal(out.error, 'rate_limited');
      assert.ok(out.retryAt!.getTime() >= Date.now() + 590_000, `retry at ${out.retryAt?.toISOString()}`);
      assert.deepEqual(await roster(rc.communityId), before);
      assert.ok(!(await findDueCohorts(schedule)).map((c) => c.id).includes(rc.cohort.id), 'the schedule respects the delay');
      const from = rc.platform.requests.length;
      assert.deepEqual(await syncNow(rc, { trigger: 'manual' }), { status: 'skipped', cohortId: rc.cohort.id, reason: 'rate_limited' }, 'a click too');
      assert.equal(nrpsHits(rc.platform, rc.courseId, from), 0);
    }
  });

  it('5xx: retried inside the sync with backoff, then succeeds', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.faults.nrps.push({ page: 1, status: 503, times: 2 });
    rc.platform.faults.token.push({ status: 500 });
    const from = rc.platform.requests.length;
    const out = await syncNow(rc);
    assert.equal(out.status, 'ok', JSON.stringify(out));
    assert.equal(nrpsHits(rc.platform, rc.courseId, from), 3);
    assert.equal(tokenHits(rc.platform, from), 2);
  });

  it('404: the link was removed in the LMS: the cohort stops syncing until a person asks', async () => {
    const rc = await rosterCommunity('moodle');
    assert.equal((await syncNow(rc)).status, 'ok');
    rc.platform.faults.nrps.push({ status: 404 });
    const out = await syncNow(rc, { full: true });
    assert.equal(out.status === 'failed' && out.error, 'link_removed');
    assert.equal(out.status === 'failed' && out.retryAt, null);
    const state = await syncState(rc.cohort.id);
    assert.equal(state.state, 'stopped');
    assert.equal(state.stoppedUrl, rc.cohort.nrpsUrl);
    assert.ok(!(await findDueCohorts(schedule, new Date(Date.now() + 48 * 3600_000))).map((c) => c.id).includes(rc.cohort.id));
    const from = rc.platform.requests.length;
    assert.deepEqual(await syncNow(rc), { status: 'skipped', cohortId: rc.cohort.id, reason: 'stopped' });
    assert.equal(nrpsHits(rc.platform, rc.courseId, from), 0);
    // A facilitator's click tries again (the link may have been put back).
    const manual = await syncNow(rc, { trigger: 'manual' });
    assert.equal(manual.status, 'ok');
    assert.equal((await syncState(rc.cohort.id)).stoppedUrl, null);
  });

  for (const flavour of ['moodle', 'canvas'] as const) {
    it(`scope not granted (${flavour === 'moodle' ? 'Moodle: 400 invalid_scope' : 'Canvas: grants an empty subset'}): a clear error, no retry loop`, async () => {
      const rc = await rosterCommunity(flavour);
      const tool = rc.platform.requireTool();
      tool.grantedScopes = [SCOPES.score, SCOPES.lineItem];
      try {
        const from = rc.platform.requests.length;
        const out = await syncNow(rc);
        assert.equal(out.status, 'failed');
        if (out.status !== 'failed') return;
        assert.equal(out.error, 'scope_not_granted');
        assert.equal(out.retryAt, null);
        assert.equal(nrpsHits(rc.platform, rc.courseId, from), 0);
        assert.equal((await syncState(rc.cohort.id)).lastError, 'scope_not_granted');
      } finally {
        tool.grantedScopes = undefined;
      }
    });
  }
});
