import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/** Titles of the hits on a search page, in order. */
function hitTitles(html: string): string[] {
  return [...html.matchAll(/<li class="hit">[\s\S]*?<a class="thread-title" href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe(`full-text search (${process.env.TEST_DATABASE_URL ? 'MariaDB FULLTEXT' : 'SQLite FTS5'})`, () => {
  let h: Harness;
  let c: Community;
  let other: Community;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    other = await sharingCommunity(h);
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Approche pédagogique en stage', body: 'Comment évaluer la progression? Je cherche une démarche réflexive.', tags: 'stages' });
    await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Théorie du décrochage', body: 'Ma théorie : la façon dont on donne les leçons compte.', scaffold: 'my_theory', tags: 'décrochage' });
    await sophie.post(`${c.base}/resources`, { kind: 'link', title: 'Guide de la garderie', url: 'https://example.org/guide', description: 'Un guide sur l’évaluation des apprentissages au préscolaire.', tags: 'évaluation' });
    await alex.post(`${c.base}/journal`, { title: 'Billet du lundi', body: 'Aujourd’hui, une leçon sur la pédagogie différenciée.', visibility: 'community' });
    const otherMarie = await other.as('instructor');
    await otherMarie.post(`${other.base}/threads`, { kind: 'discussion', title: 'Secret pédagogique de la communauté B', body: 'Rien de la communauté B ne doit fuir.' });
  });

  it('finds "pédagogique" from "pédagogie" (prefix of a light stem), with or without accents, in any case', async () => {
    const alex = await c.as('learner1');
    for (const q of ['pédagogie', 'pedagogie', 'PÉDAGOGIQUE', 'pédago']) {
      const titles = hitTitles((await alex.get(`${c.base}/search`, { q })).text);
      assert.ok(titles.includes('Approche pédagogique en stage'), `${q}: ${titles}`);
      assert.ok(titles.includes('Billet du lundi'), `${q}: ${titles}`);
    }
  });

  it('folds é, è, ç and finds a word after an apostrophe (l’évaluation)', async () => {
    const alex = await c.as('learner1');
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: 'facon lecons' })).text).includes('Théorie du décrochage'));
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: 'FAÇON' })).text).includes('Théorie du décrochage'));
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: 'reflexive' })).text).includes('Approche pédagogique en stage'));
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: 'evaluation prescolaire' })).text).includes('Guide de la garderie'));
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: 'garçon garderie' })).text).length === 0, 'every word is required');
  });

  it('shows the matched passage with the words marked, escaped', async () => {
    const alex = await c.as('learner1');
    const page = await alex.get(`${c.base}/search`, { q: 'différenciée' });
    assert.match(page.text, /Aujourd’hui, une leçon sur la pédagogie <mark>différenciée<\/mark>\./);
  });

  it('filters by kind and by tag, and lists a tag’s items across kinds', async () => {
    const alex = await c.as('learner1');
    const onlyResources = hitTitles((await alex.get(`${c.base}/search`, { q: 'évaluation', kind: 'resource' })).text);
    assert.deepEqual(onlyResources, ['Guide de la garderie']);
    const discussionsOnly = hitTitles((await alex.get(`${c.base}/search`, { q: 'évaluer', kind: 'discussion' })).text);
    assert.deepEqual(discussionsOnly, ['Approche pédagogique en stage']);
    assert.deepEqual(hitTitles((await alex.get(`${c.base}/search`, { q: 'pédagogie', tag: 'stages' })).text), ['Approche pédagogique en stage']);
    assert.deepEqual(hitTitles((await alex.get(`${c.base}/search`, { tag: 'decrochage' })).text), ['Théorie du décrochage']);
    assert.deepEqual(hitTitles((await alex.get(`${c.base}/search`, { q: 'pédagogie', tag: 'inconnue' })).text), []);
    const index = await alex.get(`${c.base}/search`);
    assert.match(index.text, /#stages <span class="count">\(1\)<\/span>/);
  });

  it('ignores short words and stopwords with a clear message, and survives query syntax', async () => {
    const alex = await c.as('learner1');
    assert.match((await alex.get(`${c.base}/search`, { q: 'la de' })).text, /Type at least one word of 3 letters or more/);
    for (const q of ['"', 'pédagogie*', '+pédagogie -stage', 'NEAR(a b)', 'title:x', "') OR 1=1 --", '((', '*']) {
      const res = await alex.get(`${c.base}/search`, { q });
      assert.equal(res.status, 200, q);
    }
    assert.ok(hitTitles((await alex.get(`${c.base}/search`, { q: '+pédagogie* "stage' })).text).includes('Approche pédagogique en stage'));
  });

  it('never shows another community’s content', async () => {
    const alex = await c.as('learner1');
    const res = await alex.get(`${c.base}/search`, { q: 'secret communauté fuir' });
    assert.deepEqual(hitTitles(res.text), []);
    assert.ok(!res.text.includes('Secret pédagogique'));
    const otherSide = await (await other.as('instructor')).get(`${other.base}/search`, { q: 'pédagogie' });
    assert.deepEqual(hitTitles(otherSide.text), ['Secret pédagogique de la communauté B']);
  });

  it('pages results without counting (a next page only when there is one)', async () => {
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil de pagination', body: 'intro' })).url, 'threads');
    for (let i = 0; i < 21; i++) await alex.post(`${c.base}/threads/${thread}/posts`, { body: `Réponse numéro ${i} sur la métacognition` });
    const first = await alex.get(`${c.base}/search`, { q: 'métacognition' });
    assert.equal(hitTitles(first.text).length, 20);
    assert.match(first.text, /rel="next"/);
    const second = await alex.get(`${c.base}/search`, { q: 'métacognition', page: 2 });
    assert.equal(hitTitles(second.text).length, 1);
    assert.ok(!second.text.includes('rel="next"'));
  });
});
