import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { ModerationAction, Post, Thread } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { SearchDocument } from '../../src/search/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

describe('moderation by facilitators (pin, lock, hide/restore with a reason, move) and its audit trail', () => {
  let h: Harness;
  let c: Community;
  let threadId: number;
  let replyId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const res = await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Premier fil', body: 'Ouverture' });
    threadId = idFrom(res.url, 'threads');
    const nadia = await c.as('learner3');
    await nadia.post(`${c.base}/threads/${threadId}/posts`, { body: 'Un propos déplacé sur la pédagogie' });
    replyId = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!.id;
    await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Réponse au propos', parent: String(replyId) });
  });

  it('pins a thread to the top of its list and locks it (members can no longer reply; facilitators can)', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil plus récent', body: 'Récent' });
    await marie.post(`${c.base}/threads/${threadId}/pin`, { on: '1' });
    const list = await alex.get(`${c.base}/discussions`);
    assert.ok(list.text.indexOf('Premier fil') < list.text.indexOf('Fil plus récent'), 'pinned first');
    await marie.post(`${c.base}/threads/${threadId}/lock`, { on: '1', reason: 'Discussion close' });
    const before = await Post.count({ where: { threadId } });
    assert.equal((await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Encore moi' })).status, 403);
    assert.match((await alex.get(`${c.base}/threads/${threadId}`)).text, /This thread is locked/);
    assert.equal((await marie.post(`${c.base}/threads/${threadId}/posts`, { body: 'Mot de la fin' })).status, 200);
    assert.equal(await Post.count({ where: { threadId } }), before + 1);
    await marie.post(`${c.base}/threads/${threadId}/lock`, { on: '0' });
    const actions = await ModerationAction.findAll({ where: { communityId: c.communityId }, order: [['id', 'ASC']] });
    assert.deepEqual(actions.map((a) => a.action), ['thread.pin', 'thread.lock', 'thread.unlock']);
    assert.equal(actions[1].reason, 'Discussion close');
  });

  it('refuses moderation to members and mentors, writing nothing', async () => {
    const chris = await c.as('mentor');
    const alex = await c.as('learner1');
    const before = await ModerationAction.count();
    for (const res of [
      await alex.post(`${c.base}/posts/${replyId}/hide`, { reason: 'Je suis membre' }),
      await alex.post(`${c.base}/threads/${threadId}/pin`, { on: '0' }),
      await chris.post(`${c.base}/threads/${threadId}/pin`, { on: '0' }),
      await chris.post(`${c.base}/threads/${threadId}/lock`, { on: '1' }),
      await chris.get(`${c.base}/posts/${replyId}/moderate`),
      await chris.post(`${c.base}/posts/${replyId}/hide`, { reason: 'Je ne suis pas animateur' }),
      await chris.get(`${c.base}/moderation`),
    ]) {
      assert.equal(res.status, 403, res.url);
    }
    assert.equal(await ModerationAction.count(), before);
    assert.equal((await Post.findByPk(replyId))!.hiddenAt, null);
  });

  it('hides a post with a reason: members see a placeholder in its place, facilitators its text; it leaves search; restore brings it back', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const noReason = await marie.post(`${c.base}/posts/${replyId}/hide`, { reason: '' });
    assert.equal(noReason.status, 400);
    assert.equal((await Post.findByPk(replyId))!.hiddenAt, null);
    await marie.post(`${c.base}/posts/${replyId}/hide`, { reason: 'Propos irrespectueux' });
    const hidden = await Post.findByPk(replyId);
    assert.ok(hidden!.hiddenAt);
    assert.equal(hidden!.hiddenReason, 'Propos irrespectueux');
    const seen = await alex.get(`${c.base}/threads/${threadId}`);
    assert.ok(!seen.text.includes('Un propos déplacé'));
    assert.match(seen.text, /hidden by the facilitators/);
    assert.match(seen.text, /Réponse au propos/, 'replies keep their place');
    const forFacilitator = (await marie.get(`${c.base}/threads/${threadId}`)).text;
    assert.match(forFacilitator, /Un propos déplacé/);
    assert.match(forFacilitator, /Masqué aux membres\. Motif\s: Propos irrespectueux/);
    assert.equal(await SearchDocument.count({ where: { postId: replyId } }), 0);
    assert.equal((await alex.get(`${c.base}/search`, { q: 'déplacé' })).text.includes('Un propos'), false);
    await marie.post(`${c.base}/posts/${replyId}/restore`, { reason: 'Reformulé après discussion' });
    assert.equal((await Post.findByPk(replyId))!.hiddenAt, null);
    assert.equal(await SearchDocument.count({ where: { postId: replyId } }), 1);
    const log = await marie.get(`${c.base}/moderation`);
    assert.match(log.text, /Propos irrespectueux/);
    assert.match(log.text, /Reformulé après discussion/);
    const acts = await Activity.findAll({ where: { communityId: c.communityId, verb: ['post.hide', 'post.restore'] }, order: [['id', 'ASC']] });
    assert.deepEqual(acts.map((a) => JSON.parse(a.data!).reason), ['Propos irrespectueux', 'Reformulé après discussion']);
  });

  it('moves a reply with its own replies to another thread, recounting both and re-indexing the moved posts', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    const target = idFrom((await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Fil cible', body: 'Cible' })).url, 'threads');
    const fromBefore = (await Thread.findByPk(threadId))!.replyCount;
    const page = await marie.get(`${c.base}/posts/${replyId}/moderate`);
    assert.match(page.text, new RegExp(`<option value="${target}">Fil cible`));
    const self = await marie.post(`${c.base}/posts/${replyId}/move`, { target: String(threadId), reason: 'Même fil' });
    assert.equal(self.status, 400);
    const res = await marie.post(`${c.base}/posts/${replyId}/move`, { target: String(target), reason: 'Mieux à sa place là' });
    assert.equal(res.status, 200);
    assert.match(res.url, new RegExp(`/threads/${target}`));
    const moved = await Post.findAll({ where: { threadId: target }, order: [['id', 'ASC']] });
    assert.ok(moved.some((p) => p.id === replyId));
    assert.ok(moved.some((p) => p.parentId === replyId), 'its replies came along');
    assert.equal((await Thread.findByPk(threadId))!.replyCount, fromBefore - 2);
    assert.equal((await Thread.findByPk(target))!.replyCount, 2);
    const doc = await SearchDocument.findOne({ where: { postId: replyId } });
    assert.equal(doc!.threadId, target);
    assert.equal(doc!.kind, 'knowledge');
    const opening = (await Thread.findByPk(threadId))!.firstPostId!;
    assert.equal((await marie.post(`${c.base}/posts/${opening}/move`, { target: String(target), reason: 'Ouverture' })).status, 403, 'an opening post does not move');
    assert.equal((await ModerationAction.findOne({ where: { action: 'post.move', subjectId: replyId } }))!.reason, 'Mieux à sa place là');
  });
});
