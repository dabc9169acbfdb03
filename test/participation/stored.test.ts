import assert from 'node:assert/strict';
import { QueryTypes } from 'sequelize';
import { recordActivity } from '../../src/activity/model';
import { notifyActivityRows } from '../../src/activity/listeners';
import { Community } from '../../src/kernel/community';
import { communityScores } from '../../src/participation/points';
import { adjustPoints } from '../../src/participation/service';
import { keepPoints, rulesKey, storedPoints } from '../../src/participation/stored';
import { rulesOf } from '../../src/participation/rules';
import { Resource } from '../../src/resources/model';
import { harness } from '../helpers/harness';
import { buildCommunity, buildMembership, type BuiltCommunity, type BuiltMembership } from '../factories';

const sequelize = () => Community.sequelize!;

interface Row {
  membership_id: number;
  earned: number | null;
  rules_key: string | null;
  version: number;
}

async function storedRows(communityId: number): Promise<Map<number, Row>> {
  const rows = await sequelize().query<Row>('SELECT membership_id, earned, rules_key, version FROM participation_points WHERE community_id = ?', { replacements: [communityId], type: QueryTypes.SELECT });
  return new Map(rows.map((r) => [Number(r.membership_id), { ...r, earned: r.earned === null ? null : Number(r.earned), version: Number(r.version) }]));
}

async function act(m: BuiltMembership, verb: string, data: Record<string, unknown>, subject: { type: string; id: number }): Promise<void> {
  await sequelize().transaction((t) => recordActivity({ communityId: m.actor.communityId, userId: m.user.id, membershipId: m.membership.id, verb, data, subject }, t));
}

/** The points every member earns when scored from the log, as before the stored values. */
async function fromLog(c: BuiltCommunity, ids: number[]): Promise<Map<number, number>> {
  const community = (await Community.findByPk(c.community.id))!;
  const scores = await communityScores(community, ids);
  return new Map(ids.map((id) => [id, scores.get(id)!.earned]));
}

describe('participation points kept per member (the dashboard’s points column)', () => {
  let c: BuiltCommunity;
  let a: BuiltMembership;
  let b: BuiltMembership;
  let facilitator: BuiltMembership;
  let ids: number[];

  before(async () => {
    await harness();
  });

  beforeEach(async () => {
    c = await buildCommunity();
    facilitator = await buildMembership(c, { role: 'facilitator' });
    a = await buildMembership(c);
    b = await buildMembership(c);
    ids = [facilitator.membership.id, a.membership.id, b.membership.id];
    await act(a, 'thread.create', { length: 400, postId: 501 }, { type: 'thread', id: 901 });
    await act(b, 'post.reply', { length: 200 }, { type: 'post', id: 502 });
    await act(b, 'post.reply', { length: 10 }, { type: 'post', id: 503 });
  });

  it('answers the points the log gives, stores them, and reads them back without scoring again', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    const first = await storedPoints(community, ids);
    assert.deepEqual(first, await fromLog(c, ids));
    assert.ok(first.get(a.membership.id)! > 0 && first.get(b.membership.id)! > 0);
    const rows = await storedRows(c.community.id);
    assert.equal(rows.size, 3);
    for (const id of ids) {
      assert.equal(rows.get(id)!.earned, first.get(id));
      assert.equal(rows.get(id)!.rules_key, rulesKey(rulesOf(community.settings), community.createdAt));
    }
    // A stored value is what is answered: change it behind the cache's back and it shows.
    await sequelize().query('UPDATE participation_points SET earned = 77 WHERE membership_id = ?', { replacements: [a.membership.id] });
    assert.equal((await storedPoints(community, ids)).get(a.membership.id), 77);
  });

  it('reads every membership not removed with its stored value in one statement (\'all\'), computing the ones without one', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    const removed = await buildMembership(c);
    await removed.membership.update({ status: 'removed' });
    await storedPoints(community, [a.membership.id]); // one stored value; the others have no row yet
    const all = await storedPoints(community, 'all');
    assert.deepEqual([...all.keys()].sort((x, y) => x - y), [...ids].sort((x, y) => x - y), 'the removed membership is not read');
    assert.deepEqual(all, await fromLog(c, ids));
    assert.equal((await storedRows(c.community.id)).size, 3, 'the ones computed are kept');
    await sequelize().query('UPDATE participation_points SET earned = 55 WHERE membership_id = ?', { replacements: [b.membership.id] });
    assert.equal((await storedPoints(community, 'all')).get(b.membership.id), 55, 'a stored value is answered as read');
  });

  it('a contribution makes only its author’s value stale; the next read computes it again', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    await storedPoints(community, ids);
    const before = await storedRows(c.community.id);
    await act(a, 'post.reply', { length: 300 }, { type: 'post', id: 504 });
    const after = await storedRows(c.community.id);
    assert.equal(after.get(a.membership.id)!.earned, null);
    assert.equal(after.get(a.membership.id)!.version, before.get(a.membership.id)!.version + 1);
    assert.deepEqual(after.get(b.membership.id), before.get(b.membership.id), 'another member’s value is kept');
    const points = await storedPoints(community, ids);
    assert.deepEqual(points, await fromLog(c, ids));
    assert.equal(points.get(a.membership.id), before.get(a.membership.id)!.earned! + 2, 'a reply is worth 2 points by default');
    assert.equal((await storedRows(c.community.id)).get(a.membership.id)!.earned, points.get(a.membership.id));
  });

  it('an endorsement credits the resource’s author; a deletion takes from the deleted contribution’s author', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    await storedPoints(community, ids);
    await act(b, 'resource.endorse', { authorMembershipId: a.membership.id }, { type: 'resource', id: 77 });
    assert.equal((await storedRows(c.community.id)).get(a.membership.id)!.earned, null, 'the endorsed author');
    assert.notEqual((await storedRows(c.community.id)).get(b.membership.id)!.earned, null, 'not the one who endorsed');
    assert.deepEqual(await storedPoints(community, ids), await fromLog(c, ids));
    await act(facilitator, 'post.delete', {}, { type: 'post', id: 502 });
    assert.equal((await storedRows(c.community.id)).get(b.membership.id)!.earned, null, 'the deleted reply’s author');
    const points = await storedPoints(community, ids);
    assert.deepEqual(points, await fromLog(c, ids));
  });

  it('scores one member from their own rows as the community’s log does: endorsements of their resources (by author id), of a resource gone, and those that credit someone else', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    const resource = (id: number, author: BuiltMembership) =>
      Resource.create({ communityId: c.community.id, authorId: author.user.id, kind: 'link', title: `Resource ${id}`, descriptionMd: 'A resource.', descriptionHtml: '<p>A resource.</p>' });
    const mine = await resource(1, a);
    const theirs = await resource(2, b);
    await storedPoints(community, ids);
    await act(b, 'resource.endorse', { authorId: a.user.id }, { type: 'resource', id: mine.id });
    await act(facilitator, 'resource.endorse', { authorId: a.user.id }, { type: 'resource', id: mine.id });
    await act(a, 'resource.endorse', { authorId: b.user.id }, { type: 'resource', id: theirs.id });
    // A resource that no longer exists: found through the author named in the data.
    await act(b, 'resource.endorse', { authorId: a.user.id }, { type: 'resource', id: 999_999 });
    await act(b, 'resource.unendorse', { authorId: a.user.id }, { type: 'resource', id: mine.id });
    const points = await storedPoints(community, ids);
    assert.deepEqual(points, await fromLog(c, ids));
    assert.equal((await storedRows(c.community.id)).get(a.membership.id)!.earned, points.get(a.membership.id));
  });

  it('an adjustment makes the member’s value stale; new rules make every value stale', async () => {
    let community = (await Community.findByPk(c.community.id))!;
    await storedPoints(community, ids);
    await sequelize().transaction((t) => adjustPoints(facilitator.actor, b.membership, { points: 5, reason: 'Animation of a meeting' }, t));
    assert.equal((await storedRows(c.community.id)).get(b.membership.id)!.earned, null);
    assert.deepEqual(await storedPoints(community, ids), await fromLog(c, ids));
    // The rules change (a reply is worth 10): nothing is marked, but every value was computed under other rules.
    await community.update({ settings: { ...community.settings, participation: { ...rulesOf(community.settings), points: { ...rulesOf(community.settings).points, reply: 10 } } } });
    community = (await Community.findByPk(c.community.id))!;
    const points = await storedPoints(community, ids);
    assert.deepEqual(points, await fromLog(c, ids));
    assert.ok(points.get(b.membership.id)! >= 10);
    for (const row of (await storedRows(c.community.id)).values()) assert.equal(row.rules_key, rulesKey(rulesOf(community.settings), community.createdAt));
  });

  it('keeps a computed value only if no change came since its version was read', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    await storedPoints(community, ids);
    const read = (await storedRows(c.community.id)).get(a.membership.id)!;
    const key = rulesKey(rulesOf(community.settings), community.createdAt);
    // A change lands while a reader computes from rows that predate it…
    await act(a, 'post.reply', { length: 300 }, { type: 'post', id: 505 });
    await keepPoints(c.community.id, new Map([[a.membership.id, 1234]]), key, () => read.version);
    assert.equal((await storedRows(c.community.id)).get(a.membership.id)!.earned, null, 'the older computation is not kept');
    // …whereas a value computed after the change is.
    const now = (await storedRows(c.community.id)).get(a.membership.id)!;
    await keepPoints(c.community.id, new Map([[a.membership.id, 1234]]), key, () => now.version);
    assert.equal((await storedRows(c.community.id)).get(a.membership.id)!.earned, 1234);
    // A value for a member with no row yet is inserted, unless a change inserted one meanwhile.
    const d = await buildMembership(c);
    await keepPoints(c.community.id, new Map([[d.membership.id, 3]]), key, () => 0);
    assert.equal((await storedRows(c.community.id)).get(d.membership.id)!.earned, 3);
  });

  it('rows written in bulk make the community’s values stale, and those of no other community', async () => {
    const community = (await Community.findByPk(c.community.id))!;
    await storedPoints(community, ids);
    const other = await buildCommunity();
    const o = await buildMembership(other);
    const otherCommunity = (await Community.findByPk(other.community.id))!;
    await storedPoints(otherCommunity, [o.membership.id]);
    await notifyActivityRows([{ id: 0, communityId: c.community.id, userId: a.user.id, membershipId: a.membership.id, verb: 'post.reply', subjectType: 'post', subjectId: 1, data: null, createdAt: new Date() }]);
    for (const row of (await storedRows(c.community.id)).values()) assert.equal(row.earned, null);
    assert.notEqual((await storedRows(other.community.id)).get(o.membership.id)!.earned, null);
  });
});
