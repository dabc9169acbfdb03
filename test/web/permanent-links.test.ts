import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { sessionOf } from '../helpers/session';
import { emailLink } from '../../src/notifications/links';
import { Membership } from '../../src/kernel/community';
import { userIdIn } from '../helpers/sharing';
import { itemTitle } from '../../src/sessions/resume';
import { Post } from '../../src/discussions/model';

/**
 * Issue #16, "links that survive the LMS": an item's address carries no session; opened outside
 * the LMS from the member's own e-mail it names the item, says where to open CoPeR, and the next
 * launch lands on it. "Copy link" gives the same permanent address.
 */
describe('permanent, session-free links', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  async function community() {
    const c = await sharingCommunity(h);
    const alex = await c.as('learner1');
    const thread = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Le fil du lien permanent', body: 'Un message à retrouver.' })).url, 'threads');
    await c.as('learner2');
    const sophie = (await Membership.findOne({ where: { communityId: c.communityId, userId: await userIdIn(c.communityId, 'learner2') } }))!;
    return { c, alex, thread, sophie };
  }

  it('an e-mail link opened outside the LMS names the item, offers the course, and the next launch lands on it (once)', async () => {
    const { c, thread, sophie } = await community();
    const link = emailLink(h.config, `${c.base}/threads/${thread}`, sophie.id);
    const page = await fetch(link, { headers: { 'accept-language': 'fr-CA' } });
    assert.equal(page.status, 401);
    const text = await page.text();
    assert.match(text, /Ce lien mène à la discussion «\sLe fil du lien permanent\s»/);
    assert.match(text, /CoPeR s’ouvrira directement sur cet élément/);
    assert.match(text, /data-lms-course/);
    assert.doesNotMatch(text, /Un message à retrouver/, 'the item itself is not shown without a session');
    assert.equal((await sophie.reload()).resumePath, `${c.base}/threads/${thread}`);

    const launched = await h.launch({ userId: 'learner2', courseId: c.course });
    assert.equal(new URL(launched.url).pathname, `${c.base}/threads/${thread}`, 'the launch lands on the item');
    assert.match(launched.text, /Un message à retrouver/);
    assert.equal((await sophie.reload()).resumePath, null, 'the target is used once');
    const again = await h.launch({ userId: 'learner2', courseId: c.course });
    assert.equal(new URL(again.url).pathname, c.base);
  });

  it('a forged hint, a hint for another community, or a genuine hint moved to another address names nothing and remembers nothing', async () => {
    const { c, thread, sophie } = await community();
    const other = await sharingCommunity(h);
    const forged = await fetch(`${h.toolUrl}${c.base}/threads/${thread}?r=${sophie.id}.AAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(forged.status, 401);
    assert.doesNotMatch(await forged.text(), /Le fil du lien permanent/);
    const elsewhere = await fetch(emailLink(h.config, `${other.base}/threads/${thread}`, sophie.id));
    assert.equal(elsewhere.status, 401);
    assert.doesNotMatch(await elsewhere.text(), /Le fil du lien permanent/);
    const notAnItem = await fetch(emailLink(h.config, `${c.base}/members`, sophie.id));
    assert.equal(notAnItem.status, 401);
    // Sophie's genuine hint moved onto another address (to read another item's title) names nothing.
    const genuine = new URL(emailLink(h.config, `${c.base}/members`, sophie.id)).searchParams.get('r')!;
    const moved = await fetch(`${h.toolUrl}${c.base}/threads/${thread}?r=${encodeURIComponent(genuine)}`);
    assert.equal(moved.status, 401);
    const movedText = await moved.text();
    assert.doesNotMatch(movedText, /Le fil du lien permanent/);
    assert.doesNotMatch(movedText, /data-lms-course/);
    assert.equal((await sophie.reload()).resumePath, null);
  });

  it('"copy link" on a thread, a post, a resource and a problem gives a session-free permanent address', async () => {
    const { c, alex, thread } = await community();
    const resource = idFrom((await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Guide permanent', url: 'https://example.org/p', description: 'Un guide' })).url, 'resources');
    const problem = idFrom((await alex.post(`${c.base}/problems`, { title: 'Un problème à partager', context: 'Trois élèves arrivent en retard.', tried: 'Un rappel.', needed: 'Des idées.' })).url, 'problems');
    const token = sessionOf(h, alex.agent);
    for (const [path, expected] of [[`${c.base}/threads/${thread}`, `${c.base}/threads/${thread}`], [`${c.base}/resources/${resource}`, `${c.base}/resources/${resource}`], [`${c.base}/problems/${problem}`, `${c.base}/problems/${problem}`]] as const) {
      const page = await alex.get(path);
      assert.equal(page.status, 200);
      const links = [...page.text.matchAll(/data-copy-source[^>]*|value="([^"]+)" data-copy-source/g)].map((m) => m[1]).filter(Boolean);
      assert.ok(links.includes(`${h.toolUrl}${expected}`), `${path}: ${links.join(', ')}`);
      if (path.includes('/threads/')) assert.ok(links.some((l) => /\/posts\/\d+$/.test(l)), 'each post has its own permanent address');
      assert.ok(links.every((l) => !l.includes(token) && !/[?&](s|_s|r)=/.test(l)), 'no session, no recipient in a copied link');
      const outside = await fetch(`${h.toolUrl}${expected}`);
      assert.equal(outside.status, 401, 'opened elsewhere, it asks to open CoPeR from the course');
      assert.doesNotMatch(await outside.text(), /Le fil du lien permanent|Guide permanent|Un problème à partager/);
    }
  });

  it('names a thread, a post (by its thread), a resource and a problem by their features\' lookups, other kinds by their kind alone', async () => {
    const { c, alex, thread } = await community();
    const resource = idFrom((await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Guide permanent', url: 'https://example.org/p', description: 'Un guide' })).url, 'resources');
    const problem = idFrom((await alex.post(`${c.base}/problems`, { title: 'Un problème à partager', context: 'Trois élèves arrivent en retard.', tried: 'Un rappel.', needed: 'Des idées.' })).url, 'problems');
    const post = (await Post.findOne({ where: { threadId: thread } }))!.id;
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/threads/${thread}`), { kind: 'threads', title: 'Le fil du lien permanent' });
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/posts/${post}`), { kind: 'posts', title: 'Le fil du lien permanent' });
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/resources/${resource}`), { kind: 'resources', title: 'Guide permanent' });
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/problems/${problem}`), { kind: 'problems', title: 'Un problème à partager' });
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/journal/${thread}`), { kind: 'journal', title: null });
    assert.deepEqual(await itemTitle(c.communityId, `${c.base}/resources/${resource + 1000}`), { kind: 'resources', title: null });
    assert.equal(await itemTitle(c.communityId, `${c.base}/members`), null);
  });
});
