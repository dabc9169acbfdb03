import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn } from '../helpers/sharing';
import { Post, Thread, ThreadFollow, Mention, Reaction } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { Tagging } from '../../src/content/model';
import { SearchDocument } from '../../src/search/model';
import { EDIT_WINDOW_MINUTES } from '../../src/discussions/policy';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

async function lastActivity(communityId: number, verb: string) {
  const a = await Activity.findOne({ where: { communityId, verb }, order: [['id', 'DESC']] });
  assert.ok(a, `no ${verb} activity`);
  return { ...a, data: JSON.parse(a.data ?? '{}') as Record<string, unknown>, userId: a.userId, subjectId: a.subjectId };
}


describe('discussions through a real launch', () => {
  let h: Harness;
  let c: Community;
  let threadId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('lets a member start a discussion with tags: sanitized opening post, thread.create with its length, the author follows it', async () => {
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/threads`, { kind: 'discussion', title: 'La rétroaction en stage', body: 'Comment donnez-vous **la rétroaction**? <script>x()</script>', tags: 'Rétroaction, stages' });
    assert.equal(res.status, 200);
    threadId = idFrom(res.url, 'threads');
    assert.match(res.text, /<strong>la rétroaction<\/strong>/);
    assert.ok(!res.text.includes('<script>x()'), 'raw HTML is shown as text');
    const thread = await Thread.findByPk(threadId);
    assert.equal(thread!.kind, 'discussion');
    assert.equal(thread!.communityId, c.communityId);
    const opening = await Post.findByPk(thread!.firstPostId!);
    assert.equal(opening!.bodyMd, 'Comment donnez-vous **la rétroaction**? <script>x()</script>');
    assert.equal(await Tagging.count({ where: { subjectType: 'thread', subjectId: threadId } }), 2);
    const act = await lastActivity(c.communityId, 'thread.create');
    assert.equal(act.subjectId, threadId);
    assert.equal(act.data.kind, 'discussion');
    assert.equal(act.data.length, [...'Comment donnez-vous la rétroaction? <script>x()</script>'].length);
    assert.deepEqual(act.data.tags, ['retroaction', 'stages']);
    assert.equal(await ThreadFollow.count({ where: { threadId, userId: await userIdIn(c.communityId, 'learner2') } }), 1);
    const list = await sophie.get(`${c.base}/discussions`);
    assert.match(list.text, /La rétroaction en stage/);
    const byTag = await sophie.get(`${c.base}/discussions`, { tag: 'retroaction' });
    assert.match(byTag.text, /La rétroaction en stage/);
    const otherTag = await sophie.get(`${c.base}/discussions`, { tag: 'inconnue' });
    assert.ok(!otherTag.text.includes('La rétroaction en stage'));
  });

  it('nests replies one level: a reply to a reply joins its parent and quotes it; post.reply records length and parent', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    const thread = await Thread.findByPk(threadId);
    const r1 = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Je donne une rétroaction écrite.' });
    assert.equal(r1.status, 200);
    const top = await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] });
    assert.equal(top!.parentId, null);
    const r2 = await nadia.post(`${c.base}/threads/${threadId}/posts`, { body: 'Moi aussi.', parent: String(top!.id) });
    assert.equal(r2.status, 200);
    const child = await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] });
    assert.equal(child!.parentId, top!.id);
    assert.equal(child!.quotedPostId, top!.id);
    const r3 = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Et à l’oral?', parent: String(child!.id) });
    assert.equal(r3.status, 200);
    const grandchild = await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] });
    assert.equal(grandchild!.parentId, top!.id, 'no second level: attached to the top-level post');
    assert.equal(grandchild!.quotedPostId, child!.id, 'and it quotes the reply it answers');
    assert.match(r3.text, /In reply to Nadia Côté/);
    const act = await lastActivity(c.communityId, 'post.reply');
    assert.equal(act.data.parentId, top!.id);
    assert.equal(act.data.length, [...'Et à l’oral?'].length);
    assert.equal(act.data.threadAuthorId, thread!.authorId);
    assert.equal((await Thread.findByPk(threadId))!.replyCount, 3);
  });

  it('prefills a quote of the answered post on the quote page', async () => {
    const alex = await c.as('learner1');
    const thread = await Thread.findByPk(threadId);
    const page = await alex.get(`${c.base}/threads/${threadId}/reply`, { to: thread!.firstPostId!, quote: 1 });
    assert.equal(page.status, 200);
    assert.match(page.text, /&gt; \*\*Sophie Roy\*\* :\n&gt; Comment donnez-vous \*\*la rétroaction\*\*\?/);
  });

  it('lets an author edit within the window ("edited" shows), and refuses after it or on another member’s post, writing nothing', async () => {
    const alex = await c.as('learner1');
    const nadia = await c.as('learner3');
    const mine = await Post.findOne({ where: { threadId, authorId: await userIdIn(c.communityId, 'learner1') }, order: [['id', 'ASC']] });
    const ok = await alex.post(`${c.base}/posts/${mine!.id}/edit`, { body: 'Je donne une rétroaction écrite et orale.' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /edited/);
    const edited = await Post.findByPk(mine!.id);
    assert.ok(edited!.editedAt);
    assert.equal((await SearchDocument.findOne({ where: { postId: mine!.id } }))!.body, 'Je donne une rétroaction écrite et orale.');
    const before = await Activity.count({ where: { communityId: c.communityId } });
    const notMine = await nadia.post(`${c.base}/posts/${mine!.id}/edit`, { body: 'Vandalisme' });
    assert.equal(notMine.status, 403);
    await Post.update({ createdAt: new Date(Date.now() - (EDIT_WINDOW_MINUTES + 5) * 60_000) }, { where: { id: mine!.id }, silent: true });
    const late = await alex.post(`${c.base}/posts/${mine!.id}/edit`, { body: 'Trop tard' });
    assert.equal(late.status, 403);
    assert.equal((await Post.findByPk(mine!.id))!.bodyMd, 'Je donne une rétroaction écrite et orale.');
    assert.equal(await Activity.count({ where: { communityId: c.communityId } }), before);
  });

  it('keeps a deleted post in its place ("removed by its author"), with its replies, and out of search', async () => {
    const alex = await c.as('learner1');
    const mine = await Post.findOne({ where: { threadId, authorId: await userIdIn(c.communityId, 'learner1'), parentId: null } });
    const confirm = await alex.get(`${c.base}/posts/${mine!.id}/delete`);
    assert.equal(confirm.status, 200);
    const res = await alex.post(`${c.base}/posts/${mine!.id}/delete`);
    assert.equal(res.status, 200);
    assert.match(res.text, /removed by its author/);
    assert.match(res.text, /Moi aussi\./, 'replies keep their context');
    const row = await Post.findByPk(mine!.id);
    assert.ok(row!.deletedAt);
    assert.equal(row!.bodyMd, '');
    assert.equal(await SearchDocument.count({ where: { postId: mine!.id } }), 0);
    assert.equal((await lastActivity(c.communityId, 'post.delete')).subjectId, mine!.id);
  });

  it('follows and unfollows a thread, and lists followed threads', async () => {
    const chris = await c.as('mentor');
    const me = await userIdIn(c.communityId, 'mentor');
    await chris.post(`${c.base}/threads/${threadId}/follow`, { on: '1' });
    await chris.post(`${c.base}/threads/${threadId}/follow`, { on: '1' });
    assert.equal(await ThreadFollow.count({ where: { threadId, userId: me } }), 1, 'idempotent');
    const followed = await chris.get(`${c.base}/discussions`, { following: 1 });
    assert.match(followed.text, /La rétroaction en stage/);
    await chris.post(`${c.base}/threads/${threadId}/follow`, { on: '0' });
    assert.equal(await ThreadFollow.count({ where: { threadId, userId: me } }), 0);
    assert.ok(!(await chris.get(`${c.base}/discussions`, { following: 1 })).text.includes('La rétroaction en stage'));
    assert.equal(await Activity.count({ where: { communityId: c.communityId, verb: 'thread.follow', userId: me } }), 1);
  });

  it('records @mentions of members (for notifications) and highlights them', async () => {
    const chris = await c.as('mentor');
    const res = await chris.post(`${c.base}/threads/${threadId}/posts`, { body: 'Bonne question @Sophie Roy! Voir aussi @Personne Inconnue.' });
    assert.match(res.text, /<span class="mention">@Sophie Roy<\/span>/);
    const post = await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] });
    const mentions = await Mention.findAll({ where: { postId: post!.id } });
    assert.deepEqual(mentions.map((m) => m.userId), [await userIdIn(c.communityId, 'learner2')]);
    assert.deepEqual((await lastActivity(c.communityId, 'post.reply')).data.mentions, [await userIdIn(c.communityId, 'learner2')]);
  });

  it('finds @mentions whatever the case and the accents, and by first name when only one member has it', async () => {
    await c.as('learner3');
    await c.as('mentor');
    const sophie = await c.as('learner2');
    const res = await sophie.post(`${c.base}/threads/${threadId}/posts`, { body: 'Merci @nadia cote et @Chris! Pas @Christine, ni `@Chris` dans du code.' });
    assert.equal(res.status, 200);
    assert.match(res.text, /<span class="mention">@nadia cote<\/span>/);
    assert.match(res.text, /<span class="mention">@Chris<\/span>!/);
    const post = await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] });
    const mentioned = (await Mention.findAll({ where: { postId: post!.id } })).map((m) => m.userId).sort();
    assert.deepEqual(mentioned, [await userIdIn(c.communityId, 'learner3'), await userIdIn(c.communityId, 'mentor')].sort());
  });

  it('sets and clears reactions idempotently, records the post author, and refuses reacting to one’s own post', async () => {
    const nadia = await c.as('learner3');
    const sophie = await c.as('learner2');
    const thread = await Thread.findByPk(threadId);
    const opening = thread!.firstPostId!;
    await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '1' });
    const twice = await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '1' });
    assert.equal(twice.status, 200);
    assert.match(twice.text, /aria-pressed="true">Utile <span class="count">\(1\)/);
    assert.equal(await Reaction.count({ where: { postId: opening } }), 1);
    const act = await lastActivity(c.communityId, 'reaction.add');
    assert.equal(act.data.postAuthorId, await userIdIn(c.communityId, 'learner2'));
    assert.equal(act.data.kind, 'useful');
    await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'tried', on: '1' });
    await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '0' });
    assert.deepEqual((await Reaction.findAll({ where: { postId: opening } })).map((r) => r.kind), ['tried']);
    const own = await sophie.post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '1' });
    assert.equal(own.status, 403);
    const bad = await nadia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'love', on: '1' });
    assert.equal(bad.status, 400);
    assert.equal(await Reaction.count({ where: { postId: opening } }), 1);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const alex = await c.as('learner1');
    const [threads, posts, acts] = await Promise.all([Thread.count(), Post.count(), Activity.count()]);
    const noTitle = await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'x', body: 'corps' });
    assert.equal(noTitle.status, 400);
    assert.match(noTitle.text, /The title must be 3 to 200 characters long/);
    const blank = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: '   \n  ' });
    assert.equal(blank.status, 400);
    assert.match(blank.text, /The text must be 1 to 20,000 characters long/);
    const long = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'x'.repeat(20_001) });
    assert.equal(long.status, 400);
    const tags = await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Un titre', body: 'corps', tags: 'a,b,c,d,e,f,g,h,i'.split(',').map((x) => x.repeat(3)).join(',') });
    assert.equal(tags.status, 400);
    assert.match(tags.text, /Up to 8 tags/);
    assert.deepEqual([await Thread.count(), await Post.count(), await Activity.count()], [threads, posts, acts]);
  });

  it('lets an observer read everything but write nothing', async () => {
    const olivia = await c.as('observer1');
    assert.equal((await olivia.get(`${c.base}/discussions`)).status, 200);
    const page = await olivia.get(`${c.base}/threads/${threadId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /you can read everything but not post/);
    assert.ok(!page.text.includes(`action="/c/${c.communityId}/threads/${threadId}/posts"`));
    const opening = (await Thread.findByPk(threadId))!.firstPostId!;
    const [posts, threads, acts, reactions, follows] = await Promise.all([Post.count(), Thread.count(), Activity.count(), Reaction.count(), ThreadFollow.count()]);
    const attempts = [
      olivia.get(`${c.base}/threads/new`),
      olivia.post(`${c.base}/threads`, { kind: 'discussion', title: 'Observateur', body: 'non' }),
      olivia.post(`${c.base}/threads/${threadId}/posts`, { body: 'non' }),
      olivia.post(`${c.base}/threads/${threadId}/follow`, { on: '1' }),
      olivia.post(`${c.base}/posts/${opening}/reactions`, { kind: 'useful', on: '1' }),
      olivia.post(`${c.base}/posts/${opening}/edit`, { body: 'non' }),
      olivia.post(`${c.base}/posts/${opening}/delete`),
    ];
    for (const res of await Promise.all(attempts)) assert.equal(res.status, 403, res.url);
    assert.deepEqual([await Post.count(), await Thread.count(), await Activity.count(), await Reaction.count(), await ThreadFollow.count()], [posts, threads, acts, reactions, follows]);
  });

  it('paginates a thread and sends a permalink to the page that holds the post', async () => {
    const alex = await c.as('learner1');
    const res = await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Longue discussion', body: 'Début' });
    const id = idFrom(res.url, 'threads');
    const thread = await Thread.findByPk(id);
    const now = Date.now();
    const me = await userIdIn(c.communityId, 'learner1');
    await Post.bulkCreate(Array.from({ length: 30 }, (_, i) => ({ communityId: c.communityId, threadId: id, authorId: me, bodyMd: `r${i}`, bodyHtml: `<p>réponse ${i}</p>`, textLength: 3, createdAt: new Date(now + i), updatedAt: new Date(now + i) })));
    await thread!.update({ replyCount: 30 });
    const last = await Post.findOne({ where: { threadId: id }, order: [['id', 'DESC']] });
    const located = await alex.get(`${c.base}/posts/${last!.id}`);
    assert.match(located.url, /page=2/);
    assert.match(located.text, /réponse 29/);
    assert.ok(!located.text.includes('réponse 0<'));
    assert.match(located.text, /Page 2 of 2/);
  });
});
