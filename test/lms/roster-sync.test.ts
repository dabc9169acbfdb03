import assert from 'node:assert/strict';
import { ROLES } from '../../src/devplatform';
import { Activity } from '../../src/activity/model';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { learners, nrpsHits, roster, rosterCommunity, sampleWith, syncNow, syncState } from '../helpers/roster';

describe('roster sync (NRPS) through the development platform', () => {
  it('reads every page of a 250-member roster (limit 100, rel="next") and adds the never-launched as invited', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(244)));
    const before = rc.platform.requests.length;
    const out = await syncNow(rc);
    assert.equal(out.status, 'ok', JSON.stringify(out));
    assert.equal(nrpsHits(rc.platform, rc.courseId, before), 3);
    const pages = rc.platform.requests.slice(before).filter((r) => r.path.includes('/nrps/'));
    assert.equal(pages.length, 3);
    if (out.status !== 'ok') return;
    assert.deepEqual({ pages: out.result.pages, members: out.result.members, added: out.result.added, deactivated: out.result.deactivated }, { pages: 3, members: 250, added: 249, deactivated: 0 });
    const r = await roster(rc.communityId);
    assert.equal(Object.keys(r).length, 250);
    assert.deepEqual(r.instructor, { status: 'active', role: 'facilitator', source: 'launch', cohortId: rc.cohort.id });
    assert.deepEqual(r.p17, { status: 'invited', role: 'member', source: 'roster', cohortId: rc.cohort.id });
    // Moodle's short roles go through the one role parser.
    assert.equal(r.ta.role, 'facilitator');
    assert.equal(r.mentor.role, 'mentor');
    const user = await User.findOne({ where: { platformId: rc.cohort.platformId, sub: 'p17' } });
    assert.equal(user!.email, 'p17@example.org');
    assert.equal(user!.name, 'Given17 Family17');
    const state = await syncState(rc.cohort.id);
    assert.equal(state.state, 'ok');
    assert.equal(state.leaseOwner, null);
    assert.ok((await rc.cohort.reload()).rosterSyncedAt);
    const activity = await Activity.findOne({ where: { communityId: rc.communityId, verb: 'roster.sync' } });
    assert.equal(JSON.parse(activity!.data!).added, 249);
  });

  it('a failure on page 3 of 5 deactivates nobody, leaves the previous roster intact and schedules a retry with backoff', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(400)));
    assert.equal((await syncNow(rc)).status, 'ok');
    const before = await roster(rc.communityId);
    const syncedAt = (await rc.cohort.reload()).rosterSyncedAt;
    // Half the course leaves, and page 3 keeps failing (500) past the in-sync retries.
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(200)));
    rc.platform.faults.nrps.push({ page: 3, status: 500, times: 10 });
    const out = await syncNow(rc, { full: true });
    rc.platform.faults.nrps.length = 0;
    assert.equal(out.status, 'failed');
    if (out.status !== 'failed') return;
    assert.equal(out.error, 'server_error');
    assert.ok(out.retryAt && out.retryAt.getTime() > Date.now() + 20_000, 'retried later with backoff');
    assert.deepEqual(await roster(rc.communityId), before);
    assert.deepEqual((await rc.cohort.reload()).rosterSyncedAt, syncedAt);
    const state = await syncState(rc.cohort.id);
    assert.equal(state.state, 'failed');
    assert.equal(state.attempts, 1);
    assert.equal(state.lastError, 'server_error');
    assert.equal(state.leaseOwner, null);
    // The next attempt, once the platform is well again, deactivates the 200 who left.
    const retry = await syncNow(rc, { full: true });
    assert.equal(retry.status, 'ok');
    if (retry.status === 'ok') assert.equal(retry.result.deactivated, 200);
    assert.equal((await syncState(rc.cohort.id)).attempts, 0);
  });

  it('applies role changes, removals (inactive, never deleted) and re-adds', async () => {
    const rc = await rosterCommunity('moodle');
    const extra = learners(3);
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, extra));
    assert.equal((await syncNow(rc)).status, 'ok');
    // learner1 launches (active); p1 never does (invited).
    await rc.h.launch({ platform: rc.platform, userId: 'learner1', courseId: rc.courseId });
    const promoted = sampleWith(rc.platform, rc.courseId, extra).map((m) => (m.id === 'p0' ? { ...m, roles: [ROLES.mentor] } : m));
    const removed = promoted.filter((m) => m.id !== 'learner1' && m.id !== 'p1');
    rc.platform.setRoster(rc.courseId, removed);
    const out = await syncNow(rc);
    assert.equal(out.status, 'ok');
    if (out.status === 'ok') assert.deepEqual([out.result.updated, out.result.deactivated], [1, 2]);
    let r = await roster(rc.communityId);
    assert.equal(r.p0.role, 'mentor');
    assert.equal(r.learner1.status, 'inactive');
    assert.equal(r.p1.status, 'inactive');
    const membershipsBefore = await Membership.count({ where: { communityId: rc.communityId } });
    // Both come back: the one who had launched is active again, the other invited again.
    rc.platform.setRoster(rc.courseId, promoted);
    const back = await syncNow(rc);
    assert.equal(back.status, 'ok');
    if (back.status === 'ok') assert.equal(back.result.reactivated, 2);
    r = await roster(rc.communityId);
    assert.equal(r.learner1.status, 'active');
    assert.equal(r.p1.status, 'invited');
    assert.equal(await Membership.count({ where: { communityId: rc.communityId } }), membershipsBefore);
  });

  it('treats NRPS status Inactive as inactive, and never refills an erased member', async () => {
    const rc = await rosterCommunity('canvas');
    const extra = learners(2);
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, extra));
    assert.equal((await syncNow(rc)).status, 'ok');
    const erased = await User.findOne({ where: { platformId: rc.cohort.platformId, sub: 'p0' } });
    await erased!.update({ name: null, givenName: null, familyName: null, email: null, erasedAt: new Date() });
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, [{ ...extra[0], name: 'New Name' }, { ...extra[1], status: 'Inactive' }]));
    assert.equal((await syncNow(rc)).status, 'ok');
    const after = await erased!.reload();
    assert.deepEqual([after.name, after.email, after.givenName], [null, null, null]);
    const r = await roster(rc.communityId);
    assert.equal(r.p0.status, 'invited');
    assert.equal(r.p1.status, 'inactive');
  });

  it('uses the differences link for the next sync (since=), applying only what changed', async () => {
    const rc = await rosterCommunity('moodle');
    rc.platform.setRoster(rc.courseId, sampleWith(rc.platform, rc.courseId, learners(150)));
    assert.equal((await syncNow(rc)).status, 'ok');
    const state = await syncState(rc.cohort.id);
    assert.match(state.differencesUrl ?? '', /\/memberships\?since=\d+$/);
    await new Promise((r) => setTimeout(r, 5));
    // p5 leaves, p6 becomes a mentor, p150 arrives.
    const next = sampleWith(rc.platform, rc.courseId, [...learners(150), ...learners(1, 'p', 150)])
      .filter((m) => m.id !== 'p5')
      .map((m) => (m.id === 'p6' ? { ...m, roles: [ROLES.mentor] } : m));
    rc.platform.setRoster(rc.courseId, next);
    const from = rc.platform.requests.length;
    const out = await syncNow(rc);
    assert.equal(out.status, 'ok');
    if (out.status !== 'ok') return;
    assert.equal(out.result.mode, 'differences');
    assert.deepEqual([out.result.members, out.result.added, out.result.updated, out.result.deactivated], [3, 1, 1, 1]);
    assert.equal(nrpsHits(rc.platform, rc.courseId, from), 1, 'one small page instead of two full ones');
    const r = await roster(rc.communityId);
    assert.equal(r.p5.status, 'inactive');
    assert.equal(r.p6.role, 'mentor');
    assert.equal(r.p150.status, 'invited');
    assert.equal(r.p7.status, 'invited', 'members absent from a differences page are untouched');
    // A forced full sync reads everything again.
    const full = await syncNow(rc, { full: true });
    assert.equal(full.status === 'ok' && full.result.mode, 'full');
  });

  for (const flavour of ['moodle', 'canvas'] as const) {
    it(`reads the ${flavour} response shape (${flavour === 'moodle' ? 'short roles' : 'full role URIs'}) to the same community roles`, async () => {
      const rc = await rosterCommunity(flavour);
      const out = await syncNow(rc);
      assert.equal(out.status, 'ok');
      const r = await roster(rc.communityId);
      assert.deepEqual(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.role])),
        { instructor: 'facilitator', ta: 'facilitator', learner1: 'member', learner2: 'member', learner3: 'member', mentor: 'mentor' },
      );
      assert.equal(r.learner2.status, 'invited');
    });
  }
});
