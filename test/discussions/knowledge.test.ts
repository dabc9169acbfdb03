import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom } from '../helpers/sharing';
import { Post, PostLink, Scaffold, Thread } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

describe('knowledge building (scaffolds, rise-above, the community’s own scaffold set)', () => {
  let h: Harness;
  let c: Community;
  let threadId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
  });

  it('starts a knowledge thread with a scaffolded first contribution, shown as a label', async () => {
    const alex = await c.as('learner1');
    const form = await alex.get(`${c.base}/threads/new`, { kind: 'knowledge' });
    assert.match(form.text, /<option value="my_theory">My theory<\/option>/);
    const res = await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Pourquoi les élèves décrochent-ils?', body: 'Je pense que la charge de travail joue.', scaffold: 'my_theory' });
    assert.equal(res.status, 200);
    threadId = idFrom(res.url, 'threads');
    assert.match(res.text, /class="scaffold"[^>]*>My theory</);
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'thread.create', subjectId: threadId } });
    assert.equal(JSON.parse(act!.data!).scaffold, 'my_theory');
    assert.equal(JSON.parse(act!.data!).kind, 'knowledge');
    assert.match((await alex.get(`${c.base}/knowledge`)).text, /Pourquoi les élèves décrochent-ils\?/);
    assert.ok(!(await alex.get(`${c.base}/discussions`)).text.includes('Pourquoi les élèves'), 'knowledge threads have their own list');
  });

  it('records each contribution as post.knowledge with its scaffold, in French for a French-speaking member', async () => {
    const sophie = await c.as('learner2');
    const nadia = await c.as('learner3');
    const r1 = await sophie.post(`${c.base}/threads/${threadId}/posts`, { body: 'Il faut comprendre le rôle des devoirs.', scaffold: 'need_to_understand' });
    assert.match(r1.text, /J’ai besoin de comprendre/);
    await nadia.post(`${c.base}/threads/${threadId}/posts`, { body: 'Selon une étude de 2019, les devoirs…', scaffold: 'new_information' });
    await nadia.post(`${c.base}/threads/${threadId}/posts`, { body: 'Dans ma classe, 3 élèves sur 25…', scaffold: 'evidence' });
    const acts = await Activity.findAll({ where: { communityId: c.communityId, verb: 'post.knowledge' }, order: [['id', 'ASC']] });
    assert.deepEqual(acts.map((a) => JSON.parse(a.data!).scaffold), ['need_to_understand', 'new_information', 'evidence']);
    assert.ok(acts.every((a) => JSON.parse(a.data!).length > 10));
  });

  it('refuses a scaffold the community does not offer, writing nothing', async () => {
    const sophie = await c.as('learner2');
    const before = await Post.count({ where: { threadId } });
    const res = await sophie.post(`${c.base}/threads/${threadId}/posts`, { body: 'Texte', scaffold: 'made_up' });
    assert.equal(res.status, 400);
    assert.match(res.text, /Choisissez l’un des échafaudages proposés/);
    assert.equal(await Post.count({ where: { threadId } }), before);
  });

  it('filters contributions by scaffold', async () => {
    const alex = await c.as('learner1');
    const page = await alex.get(`${c.base}/threads/${threadId}`, { scaffold: 'evidence' });
    assert.match(page.text, /Dans ma classe, 3 élèves sur 25/);
    assert.ok(!page.text.includes('Il faut comprendre le rôle des devoirs'));
    assert.match(page.text, /Contributions: Evidence \/ example/);
  });

  it('writes a rise-above that links the contributions it synthesizes (both ways), recorded as post.rise_above', async () => {
    const chris = await c.as('mentor');
    const targets = await Post.findAll({ where: { threadId }, order: [['id', 'ASC']], limit: 3 });
    const form = await chris.get(`${c.base}/threads/${threadId}/rise-above`);
    assert.equal(form.status, 200);
    const tooFew = await chris.post(`${c.base}/threads/${threadId}/rise-above`, { body: 'Synthèse', targets: [String(targets[0].id)] });
    assert.equal(tooFew.status, 400);
    assert.match(tooFew.text, /Pick 2 to 50 contributions/);
    const res = await chris.post(`${c.base}/threads/${threadId}/rise-above`, { body: 'Mettons ensemble : charge **et** sens des devoirs.', targets: targets.map((t) => String(t.id)), scaffold: 'putting_together' });
    assert.equal(res.status, 200);
    const note = await Post.findOne({ where: { threadId, kind: 'rise_above' } });
    assert.ok(note);
    const links = await PostLink.findAll({ where: { postId: note.id }, order: [['targetPostId', 'ASC']] });
    assert.deepEqual(links.map((l) => l.targetPostId), targets.map((t) => t.id));
    assert.match(res.text, /Rise-above/);
    assert.match(res.text, new RegExp(`Synthesizes: <a href="#post-${targets[0].id}">Alex Smith #${targets[0].id}</a>`));
    assert.match(res.text, new RegExp(`Taken up in the rise-above: <a href="#post-${note.id}">Chris Lee #${note.id}</a>`));
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'post.rise_above' } });
    assert.deepEqual(JSON.parse(act!.data!).links, targets.map((t) => t.id));
  });

  it('refuses a rise-above over posts of another thread', async () => {
    const alex = await c.as('learner1');
    const other = await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Autre fil', body: 'Autre' });
    const otherId = idFrom(other.url, 'threads');
    const foreign = await Post.findAll({ where: { threadId }, limit: 2 });
    const before = await Post.count();
    const res = await alex.post(`${c.base}/threads/${otherId}/rise-above`, { body: 'Vol', targets: foreign.map((p) => String(p.id)) });
    assert.equal(res.status, 400);
    assert.equal(await Post.count(), before);
    const inDiscussion = await alex.post(`${c.base}/threads`, { kind: 'discussion', title: 'Une discussion', body: 'x' });
    assert.equal((await alex.get(`${c.base}/threads/${idFrom(inDiscussion.url, 'threads')}/rise-above`)).status, 404);
  });

  it('lets facilitators define the community’s own scaffold set in French and English; archived ones keep labelling old posts', async () => {
    const marie = await c.as('instructor');
    const alex = await c.as('learner1');
    assert.equal((await alex.get(`${c.base}/scaffolds`)).status, 403);
    assert.equal((await alex.post(`${c.base}/scaffolds`, { key: ['my_theory'], label_fr: ['X'], label_en: ['Y'], state: ['active'] })).status, 403);
    const page = await marie.get(`${c.base}/scaffolds`);
    assert.match(page.text, /Ma théorie/);
    const keys = ['my_theory', 'need_to_understand', 'new_information', 'better_theory', 'evidence', 'putting_together', '', ''];
    const fr = ['Mon hypothèse', 'J’ai besoin de comprendre', 'Nouvelle information', 'Une meilleure théorie', 'Preuve / exemple', 'Mettre nos connaissances ensemble', 'Ce que j’ai essayé en classe', ''];
    const en = ['My hypothesis', 'I need to understand', 'New information', 'A better theory', 'Evidence / example', 'Putting our knowledge together', 'What I tried in class', ''];
    const state = ['active', 'active', 'active', 'active', 'archived', 'active', 'active', 'active'];
    const bad = await marie.post(`${c.base}/scaffolds`, { key: keys, label_fr: fr, label_en: en.map((l, i) => (i === 6 ? '' : l)), state });
    assert.equal(bad.status, 400);
    assert.equal(await Scaffold.count({ where: { communityId: c.communityId } }), 0, 'nothing saved on error');
    const saved = await marie.post(`${c.base}/scaffolds`, { key: keys, label_fr: fr, label_en: en, state });
    assert.equal(saved.status, 200);
    const rows = await Scaffold.findAll({ where: { communityId: c.communityId }, order: [['position', 'ASC']] });
    assert.equal(rows.length, 7);
    assert.equal(rows[6].key, 'what_i_tried_in_class');
    assert.equal(rows.find((r) => r.key === 'evidence')!.active, false);
    const thread = await alex.get(`${c.base}/threads/${threadId}`);
    assert.match(thread.text, /My hypothesis/, 'relabelled');
    assert.match(thread.text, /Evidence \/ example/, 'an archived scaffold still labels its posts');
    const form = await alex.get(`${c.base}/threads/new`, { kind: 'knowledge' });
    assert.ok(!form.text.includes('value="evidence"'), 'an archived scaffold is no longer offered');
    assert.match(form.text, /value="what_i_tried_in_class">What I tried in class/);
    const refused = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Preuve', scaffold: 'evidence' });
    assert.equal(refused.status, 400);
    const ok = await alex.post(`${c.base}/threads/${threadId}/posts`, { body: 'Essai en classe', scaffold: 'what_i_tried_in_class' });
    assert.equal(ok.status, 200);
    assert.ok(await Activity.findOne({ where: { communityId: c.communityId, verb: 'scaffold.update' } }));
    const sophie = await c.as('learner2');
    assert.match((await sophie.get(`${c.base}/threads/${threadId}`)).text, /Ce que j’ai essayé en classe/, 'French label for a French-speaking member');
  });

});
