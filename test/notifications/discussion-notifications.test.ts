import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, notificationsOf, bellCount, ok, idFrom } from '../helpers/people';
import { Post } from '../../src/discussions/model';
import { Notification } from '../../src/notifications/model';

describe('discussions notify: mentions and replies (emitted in the post transaction)', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof peopleCommunity>>;
  before(async () => {
    h = await harness();
    c = await peopleCommunity(h);
  });

  it('a reply notifies the thread author and its followers (reply), a mention the mentioned (mention), each once, never the writer', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    const chris = await c.as('mentor');
    const [sophieId, alexId, nadiaId, chrisId] = await Promise.all(['learner2', 'learner1', 'learner3', 'mentor'].map((s) => c.mid(s)));
    const threadId = idFrom((await ok(sophie, `${c.base}/threads`, { kind: 'discussion', title: 'Fil à suivre', body: 'Question ouverte.' })).url, 'threads');
    await ok(nadia, `${c.base}/threads/${threadId}/follow`, { on: '1' });
    const sophieBell = await bellCount(sophie, c.base);
    await ok(alex, `${c.base}/threads/${threadId}/posts`, { body: 'Bonne question, @Chris Lee en sait long. Et @Nadia Côté aussi.' });
    const reply = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!;
    const about = (rows: Notification[]) => rows.filter((n) => n.subjectId === reply.id);
    assert.equal(about(await notificationsOf(sophieId, 'reply')).length, 1, 'the author');
    assert.equal(await bellCount(sophie, c.base), sophieBell + 1);
    assert.equal(about(await notificationsOf(chrisId, 'mention')).length, 1, 'mentioned');
    assert.equal(about(await notificationsOf(chrisId, 'reply')).length, 0, 'Chris does not follow');
    assert.equal(about(await notificationsOf(nadiaId, 'mention')).length, 1, 'a follower who is mentioned gets the mention…');
    assert.equal(about(await notificationsOf(nadiaId, 'reply')).length, 0, '…and not a second notification');
    assert.equal(await Notification.count({ where: { membershipId: alexId, subjectId: reply.id } }), 0, 'never the writer');
    const [n] = about(await notificationsOf(sophieId, 'reply'));
    assert.equal(n.link, `/c/${c.communityId}/posts/${reply.id}`);
    assert.equal((n.params as Record<string, string>).title, 'Fil à suivre');
    // Alex now follows (he posted): Sophie's answer notifies him.
    await ok(sophie, `${c.base}/threads/${threadId}/posts`, { body: 'Merci!' });
    assert.equal((await notificationsOf(alexId, 'reply')).length, 1);
  });

  it('an opening post notifies its mentions only; an edit notifies names newly mentioned, not those already told', async () => {
    const sophie = await c.as('learner2');
    const [chrisId, jeanId] = await Promise.all([c.mid('mentor'), c.mid('ta')]);
    const beforeChris = (await notificationsOf(chrisId, 'mention')).length;
    const threadId = idFrom((await ok(sophie, `${c.base}/threads`, { kind: 'discussion', title: 'Ouverture', body: 'Qu’en pense @Chris Lee?' })).url, 'threads');
    assert.equal((await notificationsOf(chrisId, 'mention')).length, beforeChris + 1);
    const opening = (await Post.findOne({ where: { threadId } }))!;
    await ok(sophie, `${c.base}/posts/${opening.id}/edit`, { title: 'Ouverture', body: 'Qu’en pensent @Chris Lee et @Jean Gagnon?' });
    assert.equal((await notificationsOf(chrisId, 'mention')).length, beforeChris + 1, 'Chris was already told');
    assert.equal((await notificationsOf(jeanId, 'mention')).filter((n) => n.subjectId === opening.id).length, 1);
  });

  it('a mention in a private journal entry tells nobody (its title would leak)', async () => {
    const sophie = await c.as('learner2');
    const chrisId = await c.mid('mentor');
    const before = await Notification.count({ where: { membershipId: chrisId } });
    await ok(sophie, `${c.base}/journal`, { title: 'Journal intime', body: 'Note sur @Chris Lee.', visibility: 'private' });
    assert.equal(await Notification.count({ where: { membershipId: chrisId } }), before);
  });

  it('the in-tool notification page lists them in the reader’s language', async () => {
    const sophie = await c.as('learner2');
    const page = await sophie.get(`${c.base}/notifications`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Alex Smith a répondu à votre fil «\sFil à suivre\s»/);
  });
});
