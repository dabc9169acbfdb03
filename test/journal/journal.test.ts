import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { Thread, Post } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { SearchDocument } from '../../src/search/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

describe('practice journal through a real launch', () => {
  let h: Harness;
  let c: Community;
  let publicId: number;
  let privateId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('writes a public entry (journal.create with its length) that others read and comment (comment.create)', async () => {
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/journal`, { title: 'Ma semaine en stage', body: 'J’ai essayé les **billets de sortie**.', visibility: 'community', tags: 'réflexion' });
    assert.equal(res.status, 200);
    publicId = idFrom(res.url, 'journal');
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'journal.create', subjectId: publicId } });
    const data = JSON.parse(act!.data!);
    assert.equal(data.visibility, 'community');
    assert.equal(data.length, [...'J’ai essayé les billets de sortie.'].length);
    const alex = await c.as('learner1');
    const list = await alex.get(`${c.base}/journal`);
    assert.match(list.text, /Ma semaine en stage/);
    assert.match(list.text, /J’ai essayé les billets de sortie\./, 'the list shows an excerpt');
    const comment = await alex.post(`${c.base}/journal/${publicId}/comments`, { body: 'Bravo, je vais essayer!' });
    assert.equal(comment.status, 200);
    assert.match(comment.text, /Bravo, je vais essayer!/);
    const c1 = await Activity.findOne({ where: { communityId: c.communityId, verb: 'comment.create' }, order: [['id', 'DESC']] });
    assert.equal(JSON.parse(c1!.data!).on, 'journal');
    assert.equal(JSON.parse(c1!.data!).onAuthorId, (await Thread.findByPk(publicId))!.authorId);
  });

  it('keeps a private entry to its author alone: not in lists, pages, comments or search — facilitators included', async () => {
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/journal`, { title: 'Doutes personnels', body: 'Je doute de ma gestion de classe confidentielle.', visibility: 'private' });
    privateId = idFrom(res.url, 'journal');
    assert.match((await sophie.get(`${c.base}/journal`)).text, /Doutes personnels/);
    assert.match((await sophie.get(`${c.base}/search`, { q: 'confidentielle' })).text, /Doutes personnels/);
    const opening = (await Thread.findByPk(privateId))!.firstPostId!;
    for (const who of ['instructor', 'learner1', 'observer1']) {
      const other = await c.as(who);
      assert.ok(!(await other.get(`${c.base}/journal`)).text.includes('Doutes personnels'), who);
      assert.equal((await other.get(`${c.base}/journal/${privateId}`)).status, 404, who);
      assert.equal((await other.get(`${c.base}/posts/${opening}`)).status, 404, who);
      assert.ok(!(await other.get(`${c.base}/search`, { q: 'confidentielle' })).text.includes('Doutes personnels'), who);
      assert.ok(!(await other.get(`${c.base}/search`, { q: 'gestion', kind: 'journal' })).text.includes('confidentielle'), who);
    }
    const before = await Post.count();
    assert.equal((await (await c.as('learner1')).post(`${c.base}/journal/${privateId}/comments`, { body: 'Intrusion' })).status, 404);
    assert.equal((await (await c.as('learner1')).post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '1' })).status, 404);
    assert.equal(await Post.count(), before);
  });

  it('lets the author make a private entry public (and back), re-indexing it for search', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    await sophie.post(`${c.base}/journal/${privateId}/edit`, { title: 'Doutes partagés', body: 'Je doute de ma gestion de classe, partagé.', visibility: 'community' });
    assert.equal((await SearchDocument.findOne({ where: { threadId: privateId } }))!.privateTo, null);
    assert.match((await alex.get(`${c.base}/search`, { q: 'gestion' })).text, /Doutes partagés/);
    assert.equal((await alex.get(`${c.base}/journal/${privateId}`)).status, 200);
    await sophie.post(`${c.base}/journal/${privateId}/edit`, { title: 'Doutes personnels', body: 'De nouveau privé.', visibility: 'private' });
    assert.equal((await alex.get(`${c.base}/journal/${privateId}`)).status, 404);
    assert.ok(await Activity.findOne({ where: { communityId: c.communityId, verb: 'journal.edit', subjectId: privateId } }));
    assert.equal((await alex.post(`${c.base}/journal/${publicId}/edit`, { title: 'Pris', body: 'x', visibility: 'community' })).status, 403);
  });

  it('writes an adaptation note linked to the thread or resource it transposes, listed on that source', async () => {
    const marie = await c.as('instructor');
    const nadia = await c.as('learner3');
    const thread = idFrom((await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Les billets de sortie', body: 'Une pratique.' })).url, 'threads');
    const resource = idFrom((await marie.post(`${c.base}/resources`, { kind: 'link', title: 'Gabarit de billet', url: 'https://example.org/b', description: 'Gabarit' })).url, 'resources');
    const form = await nadia.get(`${c.base}/journal/new`, { source: `thread:${thread}` });
    assert.match(form.text, /Note d’adaptation pour\s: Les billets de sortie/);
    const res = await nadia.post(`${c.base}/journal`, { title: 'Billets de sortie au collégial', body: 'Je les ai faits à l’oral.', visibility: 'community', source: `thread:${thread}` });
    const noteId = idFrom(res.url, 'journal');
    assert.match(res.text, /Adaptation de\s:[\s\S]*Les billets de sortie/);
    const note = await Thread.findByPk(noteId);
    assert.deepEqual([note!.sourceType, note!.sourceId], ['thread', thread]);
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'journal.create', subjectId: noteId } });
    assert.deepEqual(JSON.parse(act!.data!).adaptation, { type: 'thread', id: thread });
    await nadia.post(`${c.base}/journal`, { title: 'Gabarit adapté', body: 'Adapté.', visibility: 'community', source: `resource:${resource}` });
    assert.match((await marie.get(`${c.base}/resources/${resource}`)).text, /Adaptations par les membres[\s\S]*Gabarit adapté/);
    const bad = await nadia.post(`${c.base}/journal`, { title: 'Source inconnue', body: 'x', visibility: 'community', source: 'thread:999999' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /La pratique que cette note adapte n’est pas disponible/);
  });

  it('deletes an entry with its comments: gone from the journal and search', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    assert.equal((await alex.post(`${c.base}/journal/${publicId}/delete`)).status, 403);
    const res = await sophie.post(`${c.base}/journal/${publicId}/delete`);
    assert.equal(res.status, 200);
    assert.ok(!(await alex.get(`${c.base}/journal`)).text.includes('Ma semaine en stage'));
    assert.equal((await alex.get(`${c.base}/journal/${publicId}`)).status, 404);
    assert.equal(await SearchDocument.count({ where: { threadId: publicId } }), 0);
    assert.ok(await Activity.findOne({ where: { communityId: c.communityId, verb: 'journal.delete', subjectId: publicId } }));
  });

  it('refuses bad input and observers, writing nothing', async () => {
    const olivia = await c.as('observer1');
    const alex = await c.as('learner1');
    const before = [await Thread.count(), await Activity.count()];
    assert.equal((await olivia.post(`${c.base}/journal`, { title: 'Observateur', body: 'x', visibility: 'community' })).status, 403);
    assert.equal((await olivia.get(`${c.base}/journal/new`)).status, 403);
    const bad = await alex.post(`${c.base}/journal`, { title: 'Un titre', body: 'x', visibility: 'everyone' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Choose who can read the entry/);
    assert.deepEqual([await Thread.count(), await Activity.count()], before);
  });
});
