import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { Tag } from '../../src/content/model';
import { Op } from 'sequelize';
import { fts5Query, booleanModeQuery } from '../../src/search/terms';

/** A facilitator links a French tag with its English counterpart; search then crosses languages. */
describe('tags in both languages', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  const titles = (text: string) => [...text.matchAll(/class="thread-title" href="[^"]*">([^<]*)</g)].map((m) => m[1]).sort();

  it('finds by either tag or either word once linked, only then, and only a facilitator links', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const marie = await c.as('instructor');
    idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Grilles coconstruites', body: 'Une grille pour l’évaluation des exposés.', tags: 'Évaluation' })).url, 'threads');
    idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Peer review rubric', body: 'How do you run peer assessment?', tags: 'Assessment' })).url, 'threads');

    const search = (who: typeof alex, query: Record<string, string>) => who.get(`${c.base}/search`, query).then((r) => titles(r.text));
    assert.deepEqual(await search(alex, { q: 'assessment' }), ['Peer review rubric']);
    assert.deepEqual(await search(alex, { tag: 'assessment' }), ['Peer review rubric']);

    const before = await Tag.count({ where: { communityId: c.communityId, pairId: null } });
    assert.equal((await alex.post(`${c.base}/tags/pairs`, { a: 'evaluation', b: 'assessment' })).status, 403);
    assert.equal((await marie.post(`${c.base}/tags/pairs`, { a: 'evaluation', b: 'evaluation' })).status, 400);
    assert.equal((await marie.post(`${c.base}/tags/pairs`, { a: 'evaluation', b: 'inconnue' })).status, 400);
    assert.equal(await Tag.count({ where: { communityId: c.communityId, pairId: null } }), before, 'nothing linked by refused requests');

    const linked = await marie.post(`${c.base}/tags/pairs`, { a: 'evaluation', b: 'assessment' });
    assert.equal(linked.status, 200);
    assert.match(linked.text, /data-flash>C’est enregistré\./);
    assert.match(linked.text, /data-pair><span class="tag">#Évaluation<\/span> ↔ <span class="tag">#Assessment<\/span>|data-pair><span class="tag">#Assessment<\/span> ↔ <span class="tag">#Évaluation<\/span>/);

    assert.deepEqual(await search(alex, { tag: 'assessment' }), ['Grilles coconstruites', 'Peer review rubric']);
    assert.deepEqual(await search(sophie, { tag: 'evaluation' }), ['Grilles coconstruites', 'Peer review rubric']);
    assert.deepEqual(await search(alex, { q: 'assessment' }), ['Grilles coconstruites', 'Peer review rubric']);
    const fr = await sophie.get(`${c.base}/search`, { q: 'évaluation' });
    assert.deepEqual(titles(fr.text), ['Grilles coconstruites', 'Peer review rubric']);
    assert.match(fr.text, /<mark>assessment<\/mark>/, 'the counterpart word is highlighted');

    await marie.post(`${c.base}/tags/pairs/remove`, { tag: 'assessment' });
    assert.deepEqual(await search(alex, { q: 'assessment' }), ['Peer review rubric']);
    assert.equal(await Tag.count({ where: { communityId: c.communityId, pairId: { [Op.ne]: null } } }), 0);
  });

  it('writes the alternatives for both engines', () => {
    const syn = new Map([['assess', [['evalu'], ['peer', 'review']]]]);
    assert.equal(fts5Query(['assess', 'grill'], syn), '("assess"* OR "evalu"* OR ("peer"* "review"*)) "grill"*');
    assert.equal(booleanModeQuery(['assess', 'grill'], syn), '+(assess* evalu* (+peer* +review*)) +grill*');
  });
});
