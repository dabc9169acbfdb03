import assert from 'node:assert/strict';
import type { Sequelize } from 'sequelize';
import { harness } from '../helpers/harness';
import { buildCommunity, buildMembership, type BuiltCommunity } from '../factories';
import { startThread } from '../../src/discussions/threads';
import { replyToThread } from '../../src/discussions/replies';
import { Post, Thread } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { retryTransaction } from '../../src/db/retry';

/** The discussion commands on rows built by the factories: what each writes, without a launch. */
describe('discussion commands (database, built rows)', () => {
  let sequelize: Sequelize;
  let c: BuiltCommunity;
  before(async () => {
    sequelize = (await harness()).runtime.sequelize;
    c = await buildCommunity();
  });

  const activities = async (communityId: number) => (await Activity.findAll({ where: { communityId }, order: [['id', 'ASC']] })).map((a) => ({ verb: a.verb, membershipId: a.membershipId, subjectType: a.subjectType, subjectId: a.subjectId, data: JSON.parse(a.data ?? '{}') }));

  it('starting a discussion writes the thread, its opening post and one thread.create activity of the membership', async () => {
    const { actor } = await buildMembership(c, { role: 'member' });
    const { thread, post } = await retryTransaction(sequelize, (t) => startThread(actor, { kind: 'discussion', title: 'Grilles', body: 'Comment notez-vous ?', tags: [] }, t));
    const saved = await Thread.findByPk(thread.id);
    assert.equal(saved!.communityId, c.community.id);
    assert.equal(saved!.authorId, actor.userId);
    assert.equal((await Post.findByPk(post.id))!.threadId, thread.id);
    const rows = (await activities(c.community.id)).filter((a) => a.subjectId === thread.id && a.subjectType === 'thread');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].verb, 'thread.create');
    assert.equal(rows[0].membershipId, actor.membershipId);
    assert.equal(rows[0].data.postId, post.id);
  });

  it("a reply records post.reply with the thread's author, and a journal entry stays private when asked", async () => {
    const author = await buildMembership(c);
    const replier = await buildMembership(c, { role: 'mentor' });
    const { thread } = await retryTransaction(sequelize, (t) => startThread(author.actor, { kind: 'discussion', title: 'Accueil', body: 'Premiers jours ?', tags: [] }, t));
    const reply = await retryTransaction(sequelize, (t) => replyToThread(replier.actor, thread, { body: 'Un binôme.' }, t));
    const row = (await activities(c.community.id)).find((a) => a.subjectType === 'post' && a.subjectId === reply.id);
    assert.equal(row?.verb, 'post.reply');
    assert.equal(row?.membershipId, replier.actor.membershipId);
    assert.equal(row?.data.threadAuthorId, author.actor.userId);

    const { thread: entry } = await retryTransaction(sequelize, (t) => startThread(author.actor, { kind: 'journal', title: 'Réflexion', body: 'Ma semaine.', tags: [], visibility: 'private' }, t));
    assert.equal((await Thread.findByPk(entry.id))!.visibility, 'private');
    assert.equal((await activities(c.community.id)).find((a) => a.subjectId === entry.id && a.subjectType === 'thread')?.verb, 'journal.create');
  });

  it('a failing command writes nothing: the transaction rolls back the thread and its activity', async () => {
    const { actor } = await buildMembership(c);
    const before = await Thread.count({ where: { communityId: c.community.id } });
    await assert.rejects(retryTransaction(sequelize, async (t) => {
      await startThread(actor, { kind: 'discussion', title: 'Annulé', body: 'x', tags: [] }, t);
      throw new Error('the command fails after writing');
    }), /fails after writing/);
    assert.equal(await Thread.count({ where: { communityId: c.community.id } }), before);
    assert.equal((await activities(c.community.id)).filter((a) => a.data.kind === 'discussion' && a.membershipId === actor.membershipId).length, 0);
  });
});
