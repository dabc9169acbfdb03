import assert from 'node:assert/strict';
import { ScoreOutbox } from '../../src/gradebook/model';
import { scoreSendsIdle } from '../../src/participation/service';
import { contribute, freshTokens, gradeCommunity, type GradeCommunity } from './helpers';

/** How many times a member's participation score was queued because of this verb. */
const queued = (gc: GradeCommunity, who: string, cause: string) => ScoreOutbox.count({ where: { communityId: gc.communityId, membershipId: gc.m[who].id, kind: 'participation', cause } });

describe('participation listener: whose score a deletion queues', () => {
  beforeEach(freshTokens);
  afterEach(scoreSendsIdle);

  it('a deleted opening post queues its thread’s author, whatever the order of the keys in the creation’s data', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2']);
    // `postId` last in the JSON: a LIKE on `"postId":90,` missed it.
    await contribute(gc, 'learner1', 'thread.create', { length: 400, postId: 90 }, { type: 'thread', id: 12 });
    await contribute(gc, 'instructor', 'post.delete', { threadId: 12 }, { type: 'post', id: 90 });
    assert.equal(await queued(gc, 'learner1', 'post.delete'), 1);
    // The post id as a string, as older rows may hold it.
    await contribute(gc, 'learner2', 'thread.create', { postId: '95', length: 400 }, { type: 'thread', id: 13 });
    await contribute(gc, 'instructor', 'post.delete', { threadId: 13 }, { type: 'post', id: 95 });
    assert.equal(await queued(gc, 'learner2', 'post.delete'), 1);
  });

  it('a deleted reply queues its own author, never the author of the thread it is in, nor of a thread opened by a post with a longer id', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2', 'learner3']);
    await contribute(gc, 'learner1', 'thread.create', { kind: 'discussion', postId: 10, length: 400 }, { type: 'thread', id: 20 });
    await contribute(gc, 'learner3', 'thread.create', { kind: 'discussion', postId: 12, length: 400 }, { type: 'thread', id: 21 });
    await contribute(gc, 'learner2', 'post.reply', { length: 200 }, { type: 'post', id: 1 });
    await contribute(gc, 'instructor', 'post.delete', { threadId: 20 }, { type: 'post', id: 1 });
    assert.equal(await queued(gc, 'learner2', 'post.delete'), 1, 'the reply’s author');
    assert.equal(await queued(gc, 'learner1', 'post.delete'), 0, 'not the author of the thread the reply was in');
    assert.equal(await queued(gc, 'learner3', 'post.delete'), 0);
  });
});
