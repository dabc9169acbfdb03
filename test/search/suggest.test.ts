import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, userIdIn } from '../helpers/sharing';
import { Post } from '../../src/discussions/model';
import { findMentions } from '../../src/discussions/mentions';
import { suggestMembers, SUGGEST_LIMIT } from '../../src/discussions/mention-suggest';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Op } from 'sequelize';

/**
 * What the composer and the header box ask while a member types: names to mention (folded like
 * the server's mention matching) and the first search hits as a fragment. Members only, read only.
 */
describe('suggestions while typing: @mentions and search', function () {
  this.timeout(60_000);
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let other: Awaited<ReturnType<typeof sharingCommunity>>;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    other = await sharingCommunity(h, h.canvas);
    for (const who of ['learner1', 'learner2', 'learner3', 'mentor', 'observer1']) await c.as(who);
  });

  const names = (page: { text: string }) => (JSON.parse(page.text) as { members: Array<{ name: string }> }).members.map((m) => m.name);

  it('suggests members whose name starts as typed, whatever the case and accents, leaving out the one typing', async () => {
    const alex = await c.as('learner1');
    for (const q of ['nad', 'Nadi', 'NADIA C', 'nadia cô', 'cote', 'Côt']) {
      const page = await alex.get(`${c.base}/mentions`, { q });
      assert.equal(page.status, 200, q);
      assert.match(page.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(names(page), ['Nadia Côté'], q);
    }
    assert.deepEqual(names(await alex.get(`${c.base}/mentions`, { q: 'zzz' })), []);
    assert.ok(!names(await alex.get(`${c.base}/mentions`, { q: 'al' })).includes('Alex Smith'), 'not oneself');
    assert.ok(names(await (await c.as('learner2')).get(`${c.base}/mentions`, { q: 'al' })).includes('Alex Smith'));
    // Every name offered is one the server recognizes once posted.
    for (const name of names(await alex.get(`${c.base}/mentions`, { q: 's' })))
      assert.ok((await findMentions(c.communityId, `Merci @${name} !`)).some((m) => m.name === name), name);
  });

  it('offers at most a handful of names, members of this community only', async () => {
    const self = await userIdIn(c.communityId, 'learner1');
    // Enough namesakes that the list has to stop.
    const mine = (await Membership.findOne({ where: { communityId: c.communityId, userId: self } }))!;
    const me = (await User.findByPk(self))!;
    const extra: Membership[] = [];
    for (let i = 0; i < SUGGEST_LIMIT + 2; i++) {
      const u = await User.create({ platformId: me.platformId, sub: `namesake-${c.communityId}-${i}`, name: `Zoé Namesake ${i}` });
      extra.push(await Membership.create({ userId: u.id, communityId: c.communityId, cohortId: mine.cohortId, role: 'member', ltiRoles: [], status: 'active', source: 'launch' }));
    }
    try {
      const offered = await suggestMembers(c.communityId, self, 'zoe');
      assert.equal(offered.length, SUGGEST_LIMIT);
      assert.ok(offered.every((m) => m.name.startsWith('Zoé Namesake')));
      assert.deepEqual(await suggestMembers(other.communityId, self, 'zoe'), [], 'never people of another community');
    } finally {
      await Membership.destroy({ where: { id: { [Op.in]: extra.map((m) => m.id) } } });
      await User.destroy({ where: { sub: { [Op.like]: `namesake-${c.communityId}-%` } } });
    }
  });

  it('refuses observers, non-members and bad input, and writes nothing', async () => {
    const posts = await Post.count();
    const alex = await c.as('learner1');
    assert.equal((await (await c.as('observer1')).get(`${c.base}/mentions`, { q: 'nad' })).status, 403, 'observers read only');
    assert.equal((await (await other.as('learner1')).get(`${c.base}/mentions`, { q: 'nad' })).status, 403, 'a member of another community');
    assert.equal((await alex.get(`/c/999999/mentions`, { q: 'nad' })).status, 403);
    assert.equal((await alex.get(`${c.base}/mentions`)).status, 400);
    assert.equal((await alex.get(`${c.base}/mentions`, { q: '   ' })).status, 400);
    assert.equal((await alex.get(`${c.base}/mentions`, { q: 'n'.repeat(61) })).status, 400);
    assert.equal((await alex.get(`${c.base}/mentions?q=a&q=b`)).status, 400, 'a list is not a name');
    assert.equal(await Post.count(), posts);
  });

  it('search as you type: the first hits as options with their highlighted passage; members (observers too) only', async () => {
    const sophie = await c.as('learner2');
    await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Littératie numérique au primaire', body: 'Comment enseigner la littératie numérique aux élèves?' });
    const page = await (await c.as('observer1')).get(`${c.base}/search/suggest`, { q: 'litteratie' });
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, /role="option"[^>]*data-href="\/c\/\d+\/posts\/\d+"/);
    assert.match(page.text.replace(/<\/?mark>/g, ''), /Littératie numérique au primaire/);
    assert.match(page.text, /<mark>Littératie<\/mark>/i);
    assert.match(page.text, /data-href="\/c\/\d+\/search\?q=litteratie"/, 'and a way to all results');
    assert.doesNotMatch(page.text, /<html|<header/, 'a fragment, not a page');
    const short = await sophie.get(`${c.base}/search/suggest`, { q: 'li' });
    assert.equal(short.status, 200);
    assert.match(short.text, /data-suggest-status>[^<]*3/);
    assert.doesNotMatch(short.text, /role="option"/);
    assert.equal((await sophie.get(`${c.base}/search/suggest`)).status, 400);
    assert.equal((await sophie.get(`${c.base}/search/suggest`, { q: 'x'.repeat(201) })).status, 400);
    assert.equal((await (await other.as('learner2')).get(`${c.base}/search/suggest`, { q: 'litteratie' })).status, 403);
    // What is private to another member never shows.
    const alex = await c.as('learner1');
    await alex.post(`${c.base}/journal`, { title: 'Carnet secret de littératie', body: 'Réflexion privée sur la littératie.', visibility: 'private' });
    assert.doesNotMatch((await sophie.get(`${c.base}/search/suggest`, { q: 'littératie' })).text, /Carnet secret/);
  });

  it('the keyboard shortcuts page: every member (observers too) in their language, linked from the footer; not for strangers', async () => {
    for (const [who, title, key] of [['learner1', 'Keyboard shortcuts', 'Go to the search box'], ['learner2', 'Raccourcis clavier', 'Aller à la boîte de recherche'], ['observer1', 'Keyboard shortcuts', 'Next post']] as const) {
      const page = await (await c.as(who)).get(`${c.base}/shortcuts`);
      assert.equal(page.status, 200, who);
      assert.match(page.text, new RegExp(`<h1 id="sc-t">${title}</h1>`));
      assert.match(page.text, new RegExp(`<kbd>/</kbd></td><td>${key}|<td><kbd>j</kbd></td><td>${key}`));
      assert.match(page.text, /<kbd>g<\/kbd> (then|puis) <kbd>h<\/kbd>/);
      assert.match(page.text, new RegExp(`<a href="${c.base}/shortcuts" data-shortcuts-help>${title}</a>`), 'in the footer');
    }
    assert.equal((await (await other.as('learner1')).get(`${c.base}/shortcuts`)).status, 403);
  });
});
