import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { cachedForCommunity, clearCommunityCache, communityVersion, MAX_AGE_MS } from '../../src/web/community-cache';
import { recordActivity } from '../../src/activity/model';
import { queryCount } from '../../src/db';
import { seedCommunity } from '../../src/seed';
import { sharingCommunity, launchAs, userIdIn, type Member } from '../helpers/sharing';
import { Membership } from '../../src/kernel/community';
import { Activity } from '../../src/activity/model';

/** The member counts of a community home, added up. */
const memberTotal = (html: string) => [...html.matchAll(/<span class="n">(\d+)<\/span>/g)].reduce((sum, m) => sum + Number(m[1]), 0);

/** The community cache (bench/RESULTS.md): shared page data reused until the community changes. */
describe('community cache: reused while the community has not changed, reloaded as soon as it has', function () {
  this.timeout(120_000);
  let h: Harness;
  let a: number;
  let b: number;
  before(async () => {
    h = await harness();
    const now = new Date('2026-09-01T00:00:00Z');
    a = (await seedCommunity(h.runtime.sequelize, { members: 6, posts: 20, resources: 2, seed: 31, months: 2, now, title: 'Cache A' })).communityId;
    b = (await seedCommunity(h.runtime.sequelize, { members: 6, posts: 20, resources: 2, seed: 32, months: 2, now, title: 'Cache B' })).communityId;
    clearCommunityCache();
  });

  it('loads once per version, per community and key; an activity row (any change) or 30 s make it load again', async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    assert.deepEqual(await cachedForCommunity(a, 'k', load), { n: 1 });
    assert.deepEqual(await cachedForCommunity(a, 'k', load), { n: 1 });
    assert.deepEqual(await cachedForCommunity(b, 'k', load), { n: 2 }, 'another community');
    assert.deepEqual(await cachedForCommunity(a, 'other', load), { n: 3 }, 'another key');
    const before = await communityVersion(a);
    await h.runtime.sequelize.transaction((t) => recordActivity({ communityId: a, verb: 'test.change' }, t));
    assert.ok((await communityVersion(a)) > before);
    assert.deepEqual(await cachedForCommunity(a, 'k', load), { n: 4 }, 'the community changed');
    assert.deepEqual(await cachedForCommunity(b, 'k', load), { n: 2 }, 'the other did not');
    const realNow = Date.now;
    try {
      Date.now = () => realNow() + MAX_AGE_MS + 1;
      assert.deepEqual(await cachedForCommunity(a, 'k', load), { n: 5 }, 'expired');
    } finally {
      Date.now = realNow;
    }
  });

  it('shares one load between requests that miss together, and a failed load is not kept', async () => {
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      loads++;
      await gate;
      return { n: loads };
    };
    const together = [cachedForCommunity(a, 'together', slow), cachedForCommunity(a, 'together', slow), cachedForCommunity(a, 'together', slow)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    assert.deepEqual(await Promise.all(together), [{ n: 1 }, { n: 1 }, { n: 1 }]);
    assert.equal(loads, 1);
    await assert.rejects(cachedForCommunity(a, 'failing', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(await cachedForCommunity(a, 'failing', async () => ({ ok: true })), { ok: true }, 'the next request loads again');
  });

  it('reads the version once per request scope', async () => {
    const scope = {};
    const start = queryCount.total;
    await cachedForCommunity(a, 'x', async () => 1, scope);
    await cachedForCommunity(a, 'y', async () => 2, scope);
    assert.equal(queryCount.total - start, 1, 'one version query, the loads ran no SQL');
  });

  it('a member sees a thread on the home right after starting it, and an unchanged home costs fewer statements', async () => {
    const c = await sharingCommunity(h);
    const alex: Member = await c.as('learner1');
    await alex.get(c.base);
    const first = queryCount.total;
    const warm = await alex.get(c.base);
    const warmQueries = queryCount.total - first;
    assert.equal(warm.status, 200);
    const sophie = await c.as('learner2');
    await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Une question toute fraîche', body: 'Qui a essayé les billets de sortie?' });
    const mark = queryCount.total;
    const after = await alex.get(c.base);
    assert.match(after.text, /Une question toute fraîche/);
    assert.ok(queryCount.total - mark > warmQueries, `reloaded after the change (${queryCount.total - mark} vs ${warmQueries} statements)`);
  });

  it('a warm home costs at most 4 statements, a member who follows someone and comes back after a while included', async () => {
    const c = await sharingCommunity(h);
    const sophie = await c.as('learner2');
    await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Un fil pour les abonnés', body: 'Des nouvelles à suivre.' });
    const alex = await c.as('learner1');
    const sophieMembership = await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner2') } });
    assert.equal((await alex.post(`${c.base}/people/${sophieMembership!.id}/follow`, { on: '1' })).status, 200);
    // Back after a week: "new since your last visit" and "members you follow" both have something to say.
    await Membership.update({ previousVisitAt: new Date(Date.now() - 7 * 86_400_000), lastVisitAt: new Date() }, { where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner1') } });
    await alex.get(c.base);
    const mark = queryCount.total;
    const home = await alex.get(c.base);
    const statements = queryCount.total - mark;
    assert.match(home.text, /Un fil pour les abonnés/);
    // session + user with the membership, community, zone, bell, charter and the community's version (web/session.ts, web/kernel.ts); the member's own
    // sections (onboarding/home.ts); "new since" counts with the followed threads (communities/home-feed.ts); contributions of followed members.
    assert.ok(statements <= 4, `${statements} statements for a warm home (24 before bench/RESULTS.md's 2026-12-03 run, 7 before the kernel and the version joined the session's statement and the followed threads the counts)`);
  });

  it("a returning member's launch leaves the community's version and its cached home alone; a new member's launch moves it", async () => {
    const c = await sharingCommunity(h);
    await c.as('learner1');
    const firstLaunch = await Activity.findOne({ where: { communityId: c.communityId, verb: 'launch.changed' } });
    assert.ok(firstLaunch, 'the first launch made the membership');
    const before = await communityVersion(c.communityId);
    const again = await launchAs(h, c.course, 'learner1');
    assert.equal(await communityVersion(c.communityId), before, 'the returning launch did not move the version');
    assert.equal(await Activity.count({ where: { communityId: c.communityId, verb: 'launch' } }), 1, 'its activity row is still written');
    await again.get(c.base);
    let mark = queryCount.total;
    const members = memberTotal((await again.get(c.base)).text);
    const warm = queryCount.total - mark;
    await launchAs(h, c.course, 'learner1');
    mark = queryCount.total;
    await again.get(c.base);
    assert.equal(queryCount.total - mark, warm, 'after another returning launch, the home is still served from the cache');
    await c.as('learner2');
    assert.ok((await communityVersion(c.communityId)) > before, "a new member's launch moved the version");
    assert.equal(memberTotal((await again.get(c.base)).text), members + 1, 'the shared part of the home was reloaded: one more member');
  });
});
