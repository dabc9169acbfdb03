import assert from 'node:assert/strict';
import { Op } from 'sequelize';
import { ROLES, type DevUser } from '../../src/devplatform';
import { SCOPES } from '../../src/lti/scopes';
import { Cohort } from '../../src/kernel/community';
import { runScoreOutbox, senderHooks } from '../../src/gradebook/sender';
import { ScoreOutbox, ScoreSync, GradeLineItem } from '../../src/gradebook/model';
import { memberScore } from '../../src/participation/points';
import { harness } from '../helpers/harness';
import { accepted, contribute, drain, freshTokens, gradeCommunity, len, participationItem, type GradeCommunity } from './helpers';

const isMaria = /^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? '');

function people(n: number, prefix: string): DevUser[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `Person ${prefix}${i}`, locale: 'en', roles: [ROLES.learner] }));
}
const addPeople = (list: DevUser[]) => (p: import('../../src/devplatform').DevPlatform, courseId: string) => p.courses.get(courseId)!.members.push(...list);

/** Every accepted score is a distinct (member, timestamp) → one value: a retry never changed its timestamp. */
function assertNoDuplicateWithDifferentTimestamp(bodies: any[]): void {
  const seen = new Map<string, number>();
  for (const b of bodies) {
    const key = `${b.userId}@${b.timestamp}`;
    if (seen.has(key)) assert.equal(seen.get(key), b.scoreGiven, `${key} sent twice with different values`);
    seen.set(key, b.scoreGiven);
  }
}

async function expectLatestEverywhere(gc: GradeCommunity, subs: string[]): Promise<void> {
  const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
  const community = (await Cohort.sequelize!.models.Community.findByPk(gc.communityId)) as any;
  for (const sub of subs) {
    const expected = await memberScore(community, gc.m[sub].id);
    assert.equal(item.scores.get(sub)?.scoreGiven, expected.scoreGiven, `${sub} holds the latest value`);
  }
}

describe(`gradebook outbox under failures (${isMaria ? 'MariaDB' : 'SQLite'})`, () => {
  beforeEach(freshTokens);
  afterEach(() => {
    senderHooks.afterAccepted = undefined;
  });

  it('1,000 score changes while the LMS answers 503 for a while: every member ends with the latest value, none lost, none re-timestamped', async function () {
    this.timeout(300_000); // 1,000 sequential transactions: a hang guard, not a speed assertion
    const extra = people(8, 'fa');
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2', ...extra.map((p) => p.id)], addPeople(extra));
    const subs = ['learner1', 'learner2', ...extra.map((p) => p.id)];
    const from = gc.platform.scoresReceived.length;
    gc.platform.faults.scores.push({ status: 503, times: 60 });
    let stop = false;
    const background = (async () => {
      while (!stop) {
        await runScoreOutbox({ communityId: gc.communityId, maxMs: 2000 });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    for (let i = 0; i < 1000; i++) {
      const sub = subs[i % subs.length];
      await contribute(gc, sub, i % 3 ? 'post.reply' : 'resource.share', len(100 + i), { type: 'post', id: 10_000 + i });
    }
    stop = true;
    await background;
    await drain(gc.communityId);
    assert.equal(gc.platform.faults.scores.length, 0, 'the platform did fail for a while');
    assert.equal(gc.platform.scoresReceived.slice(from).filter((r) => r.status === 503).length, 60);
    const rows = await ScoreOutbox.findAll({ where: { communityId: gc.communityId } });
    assert.equal(rows.length, 1000, 'one outbox row per change');
    assert.deepEqual([...new Set(rows.map((r) => r.status))].filter((s) => !['sent', 'superseded', 'unchanged'].includes(s)), []);
    await expectLatestEverywhere(gc, subs);
    const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
    assertNoDuplicateWithDifferentTimestamp(accepted(gc.platform, item.id));
    // What the LMS holds carries the member's latest sent timestamp.
    for (const sub of subs) {
      const sync = (await ScoreSync.findOne({ where: { membershipId: gc.m[sub].id } }))!;
      assert.equal(item.scores.get(sub).timestamp, sync.sentTimestamp!.toISOString().replace('.000Z', 'Z'));
    }
  });

  it('429 with Retry-After: the next attempt waits at least that long, then succeeds', async () => {
    const gc = await gradeCommunity('canvas', ['learner1']);
    gc.platform.faults.scores.push({ status: 429, retryAfter: 2 });
    await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
    const started = Date.now();
    const first = await runScoreOutbox({ communityId: gc.communityId });
    assert.equal(first.retrying, 1);
    const row = (await ScoreOutbox.findOne({ where: { communityId: gc.communityId } }))!;
    assert.equal(row.lastError, 'rate_limited');
    assert.ok(row.nextAttemptAt!.getTime() - started >= 1900, 'Retry-After honoured');
    assert.equal((await runScoreOutbox({ communityId: gc.communityId })).sent, 0, 'not retried before the wait');
    await drain(gc.communityId);
    assert.ok(Date.now() - started >= 1900);
    assert.equal(participationItem(gc.platform, gc.courseId, gc.communityId)!.scores.get('learner1').scoreGiven, 3);
  });

  it('401 once: the token is renewed and the same score goes through', async () => {
    const gc = await gradeCommunity('moodle', ['learner1']);
    await contribute(gc, 'learner1', 'post.knowledge', { length: 300, scaffold: 'my_theory' }, { type: 'post', id: 1 });
    await drain(gc.communityId); // the column exists, a token is cached
    const tokensBefore = gc.platform.requests.filter((r) => r.path === '/token').length;
    gc.platform.faults.scores.push({ status: 401 });
    await contribute(gc, 'learner1', 'post.rise_above', { length: 300 }, { type: 'post', id: 2 });
    const stats = await runScoreOutbox({ communityId: gc.communityId });
    assert.equal(stats.sent, 1);
    const tries = gc.platform.scoresReceived.slice(-2);
    assert.deepEqual(tries.map((r) => r.status), [401, 200]);
    assert.equal(tries[0].body.timestamp, tries[1].body.timestamp);
    assert.equal(gc.platform.requests.filter((r) => r.path === '/token').length, tokensBefore + 1, 'one new token');
    assert.equal(participationItem(gc.platform, gc.courseId, gc.communityId)!.scores.get('learner1').scoreGiven, 8);
  });

  it('422 (not a student of the course any more) is parked as failed with the platform’s message, not retried', async () => {
    const gc = await gradeCommunity('canvas', ['learner1', 'learner3']);
    gc.platform.setRoster(gc.courseId, gc.platform.courses.get(gc.courseId)!.members.filter((u) => u.id !== 'learner3'));
    await contribute(gc, 'learner3', 'thread.create', len(300), { type: 'thread', id: 1 });
    await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 2 });
    const stats = await drain(gc.communityId);
    assert.deepEqual([stats.sent, stats.failed], [1, 1]);
    const row = (await ScoreOutbox.findOne({ where: { membershipId: gc.m.learner3.id } }))!;
    assert.deepEqual([row.status, row.httpStatus, row.lastError], ['failed', 422, 'refused']);
    assert.match(row.lastErrorDetail!, /not a student/);
    assert.equal(row.attempts, 1);
    const from = gc.platform.scoresReceived.length;
    await runScoreOutbox({ communityId: gc.communityId });
    assert.equal(gc.platform.scoresReceived.length, from, 'a parked row is not retried by itself');
  });

  for (const flavour of ['moodle', 'canvas'] as const) {
    it(`${flavour}: a worker killed between the LMS's 200 and the database update resends with the same timestamp`, async () => {
      const gc = await gradeCommunity(flavour, ['learner1']);
      await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
      senderHooks.afterAccepted = () => {
        throw new Error('simulated crash after the LMS accepted');
      };
      const crashed = await runScoreOutbox({ communityId: gc.communityId, owner: 'doomed' });
      assert.equal(crashed.errors, 1);
      senderHooks.afterAccepted = undefined;
      const row = (await ScoreOutbox.findOne({ where: { communityId: gc.communityId } }))!;
      assert.deepEqual([row.status, row.attempts], ['pending', 1], 'the database never heard of the 200');
      const sync = (await ScoreSync.findByPk(row.syncId))!;
      assert.equal(sync.leaseOwner, 'doomed');
      assert.equal((await runScoreOutbox({ communityId: gc.communityId })).sent, 0, 'the dead worker’s lease holds');
      await ScoreSync.update({ leaseUntil: new Date(Date.now() - 1000) }, { where: { id: sync.id } });
      const after = await runScoreOutbox({ communityId: gc.communityId, owner: 'survivor' });
      const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
      const sends = gc.platform.scoresReceived.filter((r) => r.lineItemId === item.id);
      assert.equal(sends.length, 2);
      assert.equal(sends[0].body.timestamp, sends[1].body.timestamp, 'the replay keeps its timestamp');
      assert.deepEqual(sends[0].body, sends[1].body, 'and its body');
      // Moodle refuses a replay with 409 (it holds it already): superseded. Canvas accepts a replay.
      assert.deepEqual(sends.map((s) => s.status), flavour === 'moodle' ? [200, 409] : [200, 200]);
      await row.reload();
      assert.equal(row.status, flavour === 'moodle' ? 'superseded' : 'sent');
      assert.equal(flavour === 'moodle' ? after.superseded : after.sent, 1);
      assert.equal(item.scores.get('learner1').scoreGiven, 3);
    });
  }

  it('two workers at once never send the same change twice', async () => {
    const extra = people(14, 'tw');
    const gc = await gradeCommunity('moodle', extra.map((p) => p.id), addPeople(extra));
    for (const p of extra) await contribute(gc, p.id, 'thread.create', len(300), { type: 'thread', id: 1 });
    const [a, b] = await Promise.all([runScoreOutbox({ communityId: gc.communityId, owner: 'worker-A' }), runScoreOutbox({ communityId: gc.communityId, owner: 'worker-B' })]);
    assert.equal(a.sent + b.sent, 14);
    const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
    const sends = gc.platform.scoresReceived.filter((r) => r.lineItemId === item.id);
    assert.equal(sends.length, 14, 'one request per member, whichever worker sent it');
    assert.equal(new Set(sends.map((s) => s.body.userId)).size, 14);
    assert.equal([...gc.platform.lineItems.values()].filter((li) => li.resourceId === item.resourceId).length, 1, 'one column');
    assert.equal(await ScoreSync.count({ where: { communityId: gc.communityId, leaseOwner: { [Op.ne]: null } } }), 0, 'leases released');
  });

  describe('Moodle "grade sync only" (no lineitem scope)', () => {
    it('sends to the launch’s line item and creates no column', async () => {
      const h = await harness();
      const tool = h.moodle.requireTool();
      h.moodle.registerTool({ ...tool, grantedScopes: [SCOPES.score, SCOPES.nrps] });
      try {
        let itemId = '';
        const gc = await gradeCommunity('moodle', ['learner1'], (p, courseId) => {
          itemId = p.createLineItem(courseId, { label: 'CoPeR', scoreMaximum: 10, resourceLinkId: `rl-${courseId}` }).id;
        });
        assert.deepEqual(gc.cohort.agsScopes, [SCOPES.score]);
        const items = () => [...gc.platform.lineItems.values()].filter((li) => li.courseId === gc.courseId).length;
        await contribute(gc, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
        await drain(gc.communityId);
        assert.equal(items(), 1, 'no column created');
        assert.equal(gc.platform.lineItems.get(itemId)!.scores.get('learner1').scoreGiven, 3);
        assert.equal((await GradeLineItem.findOne({ where: { cohortId: gc.cohort.id } }))!.source, 'launch');
        // A course that gave no line item at all: parked with a reason a facilitator can act on.
        const bare = await gradeCommunity('moodle', ['learner1']);
        await contribute(bare, 'learner1', 'thread.create', len(300), { type: 'thread', id: 1 });
        await drain(bare.communityId);
        const row = (await ScoreOutbox.findOne({ where: { communityId: bare.communityId } }))!;
        assert.deepEqual([row.status, row.lastError], ['failed', 'no_line_item']);
      } finally {
        h.moodle.registerTool(tool);
      }
    });
  });
});
