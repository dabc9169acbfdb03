import assert from 'node:assert/strict';
import { ScoreOutbox, ScoreSync, GradeLineItem } from '../../src/gradebook/model';
import { Community } from '../../src/kernel/community';
import { enqueueCommunity } from '../../src/gradebook/outbox';
import { accepted, contribute, drain, freshTokens, gradeCommunity, len, participationItem } from './helpers';

describe('participation scores reach the LMS gradebook (AGS, over HTTP)', () => {
  beforeEach(freshTokens);

  it('Moodle: the tool creates its column once and each learner gets min(1, earned/target) with a comment', async () => {
    const gc = await gradeCommunity('moodle');
    await contribute(gc, 'learner1', 'thread.create', len(400), { type: 'thread', id: 1 });
    await contribute(gc, 'learner1', 'post.reply', len(200), { type: 'post', id: 2 });
    await contribute(gc, 'learner2', 'post.reply', len(10), { type: 'post', id: 3 }); // too short: 0 points
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId, status: 'pending' } }), 3, 'one outbox row per change, written with it');
    await drain(gc.communityId);
    const item = participationItem(gc.platform, gc.courseId, gc.communityId);
    assert.ok(item, 'the participation line item was created');
    assert.equal(item.tag, 'participation');
    assert.equal([...gc.platform.lineItems.values()].filter((li) => li.resourceId === item.resourceId).length, 1);
    assert.equal(item.scoreMaximum, 30, 'the column is out of the target, like the scores sent to it');
    const l1 = item.scores.get('learner1');
    assert.equal(l1.scoreGiven, 5);
    assert.equal(l1.scoreMaximum, 30);
    assert.equal(l1.gradingProgress, 'FullyGraded');
    assert.equal(l1.activityProgress, 'InProgress');
    assert.match(l1.comment, /Participation: 5 points out of 30 \(17 %\)\. 1 thread, 1 reply\. 25 points left/);
    assert.match(l1.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'whole seconds');
    const l2 = item.scores.get('learner2');
    assert.equal(l2.scoreGiven, 0);
    assert.equal(l2.activityProgress, 'Initialized');
    assert.match(l2.comment, /^Participation\s: 0 point sur 30/, 'in the member’s language (fr-CA)');
    assert.equal(item.scores.has('instructor'), false, 'facilitators are not graded');
    const row = (await GradeLineItem.findOne({ where: { cohortId: gc.cohort.id, kind: 'participation' } }))!;
    assert.deepEqual([row.url, row.source], [item.id, 'created']);
    // Learner1's two changes were coalesced into one send.
    assert.equal(accepted(gc.platform, item.id).filter((b) => b.userId === 'learner1').length, 1);
    const rows = await ScoreOutbox.findAll({ where: { membershipId: gc.m.learner1.id }, order: [['timestamp', 'ASC']] });
    assert.deepEqual(rows.map((r) => r.status), ['superseded', 'sent']);
    assert.ok(rows[1].timestamp.getTime() - rows[0].timestamp.getTime() >= 1000, 'strictly increasing, to the whole second');
    const sync = (await ScoreSync.findOne({ where: { membershipId: gc.m.learner1.id } }))!;
    assert.equal(sync.sentScoreGiven, 5);
  });

  it('an existing column with our resourceId is reused; an unchanged score is not sent again', async () => {
    const gc = await gradeCommunity('canvas', ['learner1']);
    const pre = gc.platform.createLineItem(gc.courseId, { label: 'Participation', scoreMaximum: 100, resourceId: `coper-participation-${gc.communityId}`, tag: 'participation' });
    await contribute(gc, 'learner1', 'resource.share', {}, { type: 'resource', id: 9 });
    await drain(gc.communityId);
    assert.equal(pre.scores.get('learner1').scoreGiven, 2);
    assert.equal(pre.scores.get('learner1')['https://canvas.instructure.com/lti/submission'], undefined, 'a first score is a new submission');
    assert.equal((await GradeLineItem.findOne({ where: { cohortId: gc.cohort.id } }))!.source, 'found');
    // A reaction does not score; a vote does, and Canvas is told it is not a new submission.
    await contribute(gc, 'learner1', 'reaction.add', {}, { type: 'post', id: 1 });
    assert.equal(await ScoreOutbox.count({ where: { communityId: gc.communityId, status: 'pending' } }), 0);
    await contribute(gc, 'learner1', 'vote.cast', {}, { type: 'proposal', id: 4 });
    await contribute(gc, 'learner1', 'vote.cast', {}, { type: 'proposal', id: 4 }); // changing one's vote counts once
    await drain(gc.communityId);
    const last = pre.scores.get('learner1');
    assert.equal(last.scoreGiven, 3);
    assert.deepEqual(last['https://canvas.instructure.com/lti/submission'], { new_submission: false });
    // "Send now" with nothing new: the row is marked unchanged, nothing goes out.
    const before = gc.platform.scoresReceived.length;
    await Community.sequelize!.transaction((t) => enqueueCommunity(gc.communityId, 'participation', 'push', t));
    const stats = await drain(gc.communityId);
    assert.equal(stats.unchanged, 1);
    assert.equal(gc.platform.scoresReceived.length, before);
  });

  it('credits as the feature branches write them: an endorsement naming the author’s user id, a deletion by a moderator', async () => {
    const gc = await gradeCommunity('moodle', ['learner1', 'learner2']);
    await contribute(gc, 'learner1', 'resource.share', { length: 50 }, { type: 'resource', id: 77 });
    await contribute(gc, 'learner2', 'resource.endorse', { authorId: gc.m.learner1.userId }, { type: 'resource', id: 77 });
    assert.equal(await ScoreOutbox.count({ where: { membershipId: gc.m.learner1.id, cause: 'resource.endorse' } }), 1, 'the author is queued, not the endorser');
    await contribute(gc, 'learner1', 'thread.create', { length: 400, postId: 90 }, { type: 'thread', id: 12 });
    await drain(gc.communityId);
    const item = participationItem(gc.platform, gc.courseId, gc.communityId)!;
    assert.equal(item.scores.get('learner1').scoreGiven, 6, 'resource 2 + endorsement 1 + thread 3');
    await contribute(gc, 'instructor', 'post.delete', { threadId: 12 }, { type: 'post', id: 90 });
    await contribute(gc, 'learner2', 'resource.unendorse', { authorId: gc.m.learner1.userId }, { type: 'resource', id: 77 });
    await drain(gc.communityId);
    assert.equal(item.scores.get('learner1').scoreGiven, 2);
  });
});
