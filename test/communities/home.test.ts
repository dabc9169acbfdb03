import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn } from '../helpers/sharing';
import { Membership } from '../../src/kernel/community';

describe('community home: recent activity, unanswered threads, new since my last visit', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('shows the latest conversations and resources, and the threads still waiting for an answer', async () => {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const sophie = await c.as('learner2');
    const empty = await sophie.get(c.base);
    assert.match(empty.text, /Rien n’a encore été partagé/);
    const asked = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Question sans réponse', body: 'Qui sait?' })).url, 'threads');
    await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Ressource récente', url: 'https://example.org/r', description: 'Utile' });
    await alex.post(`${c.base}/journal`, { title: 'Billet privé de Alex', body: 'Privé', visibility: 'private' });
    let home = await sophie.get(c.base);
    assert.match(home.text, /Dernièrement dans la communauté[\s\S]*Ressource récente/);
    assert.match(home.text, /En attente d’une réponse[\s\S]*Question sans réponse/);
    assert.ok(!home.text.includes('Billet privé de Alex'), 'a private entry never shows on the home');
    await sophie.post(`${c.base}/threads/${asked}/posts`, { body: 'Moi!' });
    home = await sophie.get(c.base);
    assert.match(home.text, /Chaque conversation a reçu une réponse/);
  });

  it('counts what others added since my previous visit, and lists followed threads with new messages', async () => {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const sophie = await c.as('learner2');
    const followed = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Mon fil suivi', body: 'À suivre' })).url, 'threads');
    await sophie.get(c.base);
    const membership = await Membership.findOne({ where: { userId: await userIdIn(c.communityId, 'learner2'), communityId: c.communityId } });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await membership!.update({ lastVisitAt: twoHoursAgo, previousVisitAt: new Date(Date.now() - 26 * 3600_000) });
    await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Nouveau fil de Alex', body: 'Nouveau' });
    await alex.post(`${c.base}/threads/${followed}/posts`, { body: 'Réponse 1' });
    await alex.post(`${c.base}/threads/${followed}/posts`, { body: 'Réponse 2' });
    await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Nouvelle ressource', url: 'https://example.org/n', description: 'Nouvelle' });
    await alex.post(`${c.base}/journal`, { title: 'Nouveau billet', body: 'Billet', visibility: 'community' });
    await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Mon propre fil', body: 'Le mien ne compte pas' });
    const home = await sophie.get(c.base);
    assert.match(home.text, /Nouveau depuis votre dernière visite/);
    assert.match(home.text, /1 nouvelle conversation</);
    assert.match(home.text, /2 nouvelles réponses et contributions/);
    assert.match(home.text, /1 nouvelle ressource/);
    assert.match(home.text, /1 nouveau billet de journal/);
    assert.match(home.text, /Fils suivis avec de nouveaux messages[\s\S]*Mon fil suivi/);
    const list = await sophie.get(`${c.base}/discussions`);
    assert.match(list.text, /Mon fil suivi<\/a>[\s\S]{0,400}class="badge new"/, 'the list marks threads with new posts');
    // The visit was noted: a page-to-page navigation keeps the same anchor, a later visit moves it.
    const again = await sophie.get(c.base);
    assert.match(again.text, /1 nouvelle conversation</);
  });

  it('shows nothing "new" on a first visit', async () => {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Avant ma visite', body: 'x' });
    const nadia = await c.as('learner3');
    const home = await nadia.get(c.base);
    assert.ok(!home.text.includes('Nouveau depuis votre dernière visite'));
    assert.match(home.text, /Avant ma visite/);
  });
});
