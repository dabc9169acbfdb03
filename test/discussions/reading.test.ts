import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { ThreadRead } from '../../src/discussions/model';
import { THREAD_PAGE_SIZE } from '../../src/discussions/presenters/thread';

/** Unread markers, "continue where you left off" and avatars, as members read threads. */
describe('reading threads: what is new, where to pick up', () => {
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('marks what others wrote since the last visit and links the list to the first new post', async () => {
    const sophie = await c.as('learner2');
    const alex = await c.as('learner1');
    const chris = await c.as('mentor');
    const threadId = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Lecture en 1re année', body: 'Quels livres proposez-vous?' })).url, 'threads');

    // A first visit reads everything: nothing is marked new.
    const first = await alex.get(`${c.base}/threads/${threadId}`);
    assert.equal(first.status, 200);
    assert.doesNotMatch(first.text, /data-unread/);
    assert.match(first.text, /class="post-avatar tone-\d" aria-hidden="true">SR<\/span>/, 'Sophie Roy’s initials');

    await chris.post(`${c.base}/threads/${threadId}/posts`, { body: 'Les albums de Marianne Dubuc.' });
    await sophie.post(`${c.base}/threads/${threadId}/posts`, { body: 'Merci Chris!' });

    const list = await alex.get(`${c.base}/discussions`);
    const count = new RegExp(`href="([^"]*/threads/${threadId}/unread[^"]*)" data-unread-count="2">2 new posts</a>`).exec(list.text);
    assert.ok(count, 'two new posts');
    const picked = await alex.agent.fetch(new URL(count[1].replace(/&amp;/g, '&'), h.toolUrl).href, { redirect: 'manual' });
    assert.equal(picked.status, 303);
    const location = picked.headers.get('location')!;
    const [chrisPost] = (await ThreadRead.sequelize!.query(`SELECT id FROM posts WHERE thread_id = ${threadId} ORDER BY id`)) as [Array<{ id: number }>, unknown];
    assert.match(location, new RegExp(`/threads/${threadId}\\b.*#post-${chrisPost[1].id}$`), 'lands on Chris’s reply, the first new one');

    const page = await alex.get(`${c.base}/threads/${threadId}`);
    assert.equal((page.text.match(/data-unread>/g) ?? []).length, 2);
    assert.match(page.text, new RegExp(`<a href="#post-${chrisPost[1].id}" data-first-unread>Jump to the first unread post</a>`));
    // Read now: the next visit and the list show nothing new.
    assert.doesNotMatch((await alex.get(`${c.base}/threads/${threadId}`)).text, /data-unread>/);
    assert.doesNotMatch((await alex.get(`${c.base}/discussions`)).text, new RegExp(`/threads/${threadId}/unread`));
    // Sophie (FR) read up to her own reply when it was posted; Chris answers again: one new post.
    await chris.post(`${c.base}/threads/${threadId}/posts`, { body: 'Et ceux d’Élise Gravel.' });
    const fr = await sophie.get(`${c.base}/threads/${threadId}`);
    assert.equal((fr.text.match(/data-unread>Nouveau</g) ?? []).length, 1);
  });

  it('continues on the page where the first new post is, and an old page opened later does not move the position back', async () => {
    const sophie = await c.as('learner2');
    const nadia = await c.as('learner3');
    const threadId = idFrom((await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Beaucoup de réponses', body: 'Un fil très suivi.' })).url, 'threads');
    await nadia.get(`${c.base}/threads/${threadId}`);
    for (let i = 0; i < THREAD_PAGE_SIZE + 2; i++) await sophie.post(`${c.base}/threads/${threadId}/posts`, { body: `Réponse ${i + 1}` });
    await nadia.get(`${c.base}/threads/${threadId}`); // page 1: read up to the 25th reply
    const list = await nadia.get(`${c.base}/discussions`);
    const link = new RegExp(`href="([^"]*/threads/${threadId}/unread[^"]*)" data-unread-count="2">2 nouveaux messages</a>`).exec(list.text);
    assert.ok(link, 'two new posts, in French');
    const picked = await nadia.agent.fetch(new URL(link[1].replace(/&amp;/g, '&'), h.toolUrl).href, { redirect: 'manual' });
    assert.match(picked.headers.get('location')!, /[?&]page=2\b/);
    await nadia.get(`${c.base}/threads/${threadId}`, { page: 2 });
    await nadia.get(`${c.base}/threads/${threadId}`, { page: 1 });
    assert.doesNotMatch((await nadia.get(`${c.base}/discussions`)).text, new RegExp(`/threads/${threadId}/unread`), 'page 1 opened again keeps page 2 read');
  });

  it('refuses another community’s thread and an unknown one (404), and writes no position', async () => {
    const sophie = await c.as('learner2');
    const before = await ThreadRead.count();
    assert.equal((await sophie.get(`${c.base}/threads/999999/unread`)).status, 404);
    assert.equal(await ThreadRead.count(), before);
  });
});
