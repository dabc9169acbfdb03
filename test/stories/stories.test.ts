import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, type Member } from '../helpers/sharing';
import { Thread } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { ValueStory } from '../../src/stories/model';
import { Reaction } from '../../src/discussions/model';
import { Membership } from '../../src/kernel/community';
import { Notification } from '../../src/notifications/model';
import { userIdIn, storedFiles } from '../helpers/sharing';
import { downloadAs } from '../helpers/download';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/** The path of the first link whose class is `cls` (the session query is left to the Member helpers). */
function linkPath(html: string, cls: string): string {
  const m = new RegExp(`<a class="${cls}" href="([^"]+)"`).exec(html);
  assert.ok(m, `no link .${cls}`);
  const u = new URL(m[1].replace(/&amp;/g, '&'), 'http://x');
  return u.pathname;
}

describe('value stories through real launches', () => {
  let h: Harness;
  let c: Community;
  let threadId: number;
  let postId: number;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    const marie = await c.as('instructor');
    threadId = idFrom((await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Les billets de sortie', body: 'Trois questions en fin de cours.' })).url, 'threads');
    postId = (await Thread.findByPk(threadId))!.firstPostId!;
  });

  it('"I tried it" leads to "Tell the story"; the story is written, logged and listed on the contribution and the community page', async () => {
    const alex: Member = await c.as('learner1');
    const before = await alex.get(`${c.base}/threads/${threadId}`);
    assert.doesNotMatch(before.text, /class="tell-story"/, 'no prompt before trying it');
    assert.match(before.text, /class="stories-link"/);
    const after = await alex.post(`${c.base}/posts/${postId}/reactions`, { kind: 'tried', on: '1' });
    const tell = linkPath(after.text, 'tell-story');
    assert.equal(tell, `${c.base}/posts/${postId}/stories`);
    const form = await alex.get(tell);
    assert.equal(form.status, 200);
    assert.match(form.text, /Tell a story/);
    assert.match(form.text, /Applied: a practice I tried or changed/);

    const res = await alex.post(tell, { cycle: 'applied', body: 'I used **exit tickets** with my grade 9 class.', evidence: '24 of 28 students handed them in' });
    assert.equal(res.status, 200);
    assert.match(res.text, /Your story is published/);
    assert.match(res.text, /<strong>exit tickets<\/strong>/);
    assert.match(res.text, /24 of 28 students handed them in/);
    const story = await ValueStory.findOne({ where: { communityId: c.communityId, subjectType: 'post', subjectId: postId } });
    assert.ok(story);
    assert.equal(story.cycle, 'applied');
    assert.equal(story.evidence, '24 of 28 students handed them in');
    const act = await Activity.findOne({ where: { communityId: c.communityId, verb: 'story.create', subjectId: story.id } });
    assert.deepEqual(JSON.parse(act!.data!).cycle, 'applied');

    assert.match((await alex.get(`${c.base}/threads/${threadId}`)).text, /class="stories-link" href="[^"]+">Value stories <span class="count">\(1\)<\/span>/, 'the post counts its stories');
    // The community page, in French for Sophie, with the contribution it is about.
    const sophie = await c.as('learner2');
    const page = await sophie.get(`${c.base}/stories`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Récits de valeur/);
    assert.match(page.text, /Appliquée\s:\sune pratique que j’ai essayée ou changée/);
    assert.match(page.text, /Les billets de sortie/);
    assert.match(page.text, /Alex Smith/);
    assert.match((await sophie.get(`${c.base}/stories`, { cycle: 'realized' })).text, /Aucun récit/);
    assert.equal((await sophie.get(`${c.base}/stories`, { cycle: 'bogus' })).status, 400);
  });

  it('refuses bad input with the form and its messages, writing nothing', async () => {
    const sophie = await c.as('learner2');
    const n = await ValueStory.count();
    const noCycle = await sophie.post(`${c.base}/posts/${postId}/stories`, { body: 'Un récit' });
    assert.equal(noCycle.status, 400);
    assert.match(noCycle.text, /Choisissez ce que montre le récit/);
    assert.match(noCycle.text, /Un récit/, 'what was typed is kept');
    const empty = await sophie.post(`${c.base}/posts/${postId}/stories`, { cycle: 'realized', body: '   ' });
    assert.equal(empty.status, 400);
    const long = await sophie.post(`${c.base}/posts/${postId}/stories`, { cycle: 'realized', body: 'x'.repeat(5001) });
    assert.equal(long.status, 400);
    const evidence = await sophie.post(`${c.base}/posts/${postId}/stories`, { cycle: 'realized', body: 'ok', evidence: 'x'.repeat(201) });
    assert.equal(evidence.status, 400);
    assert.match(evidence.text, /200 caractères/);
    assert.equal((await sophie.post(`${c.base}/posts/999999/stories`, { cycle: 'applied', body: 'x' })).status, 404);
    assert.equal(await ValueStory.count(), n);
  });

  it('authorizes by membership: observers read only, private entries and other communities are out of reach', async () => {
    const olivia = await c.as('observer1');
    const n = await ValueStory.count();
    const page = await olivia.get(`${c.base}/posts/${postId}/stories`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Tell a story/);
    assert.equal((await olivia.post(`${c.base}/posts/${postId}/stories`, { cycle: 'applied', body: 'x' })).status, 403);

    const nadia = await c.as('learner3');
    const entry = idFrom((await nadia.post(`${c.base}/journal`, { title: 'Privé', body: 'Pour moi seule.', visibility: 'private' })).url, 'journal');
    const opening = (await Thread.findByPk(entry))!.firstPostId!;
    assert.equal((await (await c.as('learner1')).post(`${c.base}/posts/${opening}/stories`, { cycle: 'applied', body: 'x' })).status, 404);
    assert.equal((await nadia.post(`${c.base}/posts/${opening}/stories`, { cycle: 'applied', body: 'x' })).status, 403, 'a private entry is no community contribution');

    const other = await sharingCommunity(h, h.canvas); // another platform: other people
    const stranger = await other.as('learner1');
    assert.notEqual((await stranger.get(`${c.base}/stories`)).status, 200);
    assert.notEqual((await stranger.post(`${c.base}/posts/${postId}/stories`, { cycle: 'applied', body: 'x' })).status, 200);
    assert.equal((await stranger.post(`${other.base}/posts/${postId}/stories`, { cycle: 'applied', body: 'x' })).status, 404, 'a post of another community');
    assert.doesNotMatch((await stranger.get(`${other.base}/stories`)).text, /exit tickets/);
    assert.equal(await ValueStory.count(), n);
  });

  it('tells a story on a resource after "I used this"; only its author or a facilitator removes a story', async () => {
    const marie = await c.as('instructor');
    const resource = idFrom((await marie.post(`${c.base}/resources`, { kind: 'link', title: 'Gabarit de billet', url: 'https://example.org/b', description: 'Gabarit' })).url, 'resources');
    const sophie = await c.as('learner2');
    const shown = await sophie.post(`${c.base}/resources/${resource}/endorse`, { on: '1' });
    const tell = linkPath(shown.text, 'tell-story');
    assert.equal(tell, `${c.base}/resources/${resource}/stories`);
    await sophie.post(tell, { cycle: 'reframing', body: 'Notre équipe-école a adopté le gabarit.' });
    const story = await ValueStory.findOne({ where: { subjectType: 'resource', subjectId: resource } });
    assert.ok(story);
    assert.equal(story.cycle, 'reframing');
    assert.match((await sophie.get(`${c.base}/resources/${resource}`)).text, /Récits de valeur <span class="count">\(1\)<\/span>/);

    const alex = await c.as('learner1');
    assert.equal((await alex.post(`${c.base}/stories/${story.id}/delete`)).status, 403);
    assert.equal((await ValueStory.findByPk(story.id))!.deletedAt, null);
    const removed = await sophie.post(`${c.base}/stories/${story.id}/delete`);
    assert.equal(removed.status, 200);
    assert.ok((await ValueStory.findByPk(story.id))!.deletedAt);
    assert.doesNotMatch((await alex.get(`${c.base}/stories`)).text, /adopté le gabarit/);
    assert.equal((await sophie.post(`${c.base}/stories/${story.id}/delete`)).status, 404, 'already removed');
  });

  it('lets facilitators invite, once, members who tried a contribution three weeks ago and told no story', async () => {
    const nadia = await c.as('learner3');
    const marie = await c.as('instructor');
    await nadia.post(`${c.base}/posts/${postId}/reactions`, { kind: 'tried', on: '1' });
    const nadiaId = await userIdIn(c.communityId, 'learner3');
    const mark = (await Reaction.findOne({ where: { postId, userId: nadiaId, kind: 'tried' } }))!;
    assert.doesNotMatch((await marie.get(`${c.base}/stories`)).text, new RegExp(`data-prompt="${mark.id}"`), 'too recent');
    await Reaction.sequelize!.query('UPDATE reactions SET created_at = ? WHERE id = ?', { replacements: [new Date(Date.now() - 22 * 86_400_000), mark.id] });
    const page = await marie.get(`${c.base}/stories`);
    assert.match(page.text, new RegExp(`data-prompt="${mark.id}">Nadia Côté — <a href="[^"]+">Les billets de sortie</a>`));
    assert.doesNotMatch(page.text, /data-prompt="[^"]+">Alex Smith/, 'Alex told his story already');
    const alex = await c.as('learner1');
    assert.doesNotMatch((await alex.get(`${c.base}/stories`)).text, /data-prompt/);
    assert.equal((await alex.post(`${c.base}/stories/prompts`, { reaction: String(mark.id) })).status, 403);
    assert.equal((await marie.post(`${c.base}/stories/prompts`, { reaction: 'x' })).status, 400);

    const sent = await marie.post(`${c.base}/stories/prompts`, { reaction: String(mark.id) });
    assert.equal(sent.status, 200);
    assert.match(sent.text, /L’invitation est envoyée/);
    assert.doesNotMatch(sent.text, new RegExp(`data-prompt="${mark.id}"`));
    const membership = (await Membership.findOne({ where: { communityId: c.communityId, userId: nadiaId } }))!;
    const note = await Notification.findOne({ where: { membershipId: membership.id, kind: 'story.prompt' } });
    assert.ok(note);
    assert.equal(note.link, `${c.base}/posts/${postId}/stories#tell-h`);
    assert.equal(note.params.title, 'Les billets de sortie');
    assert.equal((await marie.post(`${c.base}/stories/prompts`, { reaction: String(mark.id) })).status, 400, 'never twice');
    assert.equal(await Notification.count({ where: { membershipId: membership.id, kind: 'story.prompt' } }), 1);
  });

  it('offers the author of an adaptation note to tell the story on the contribution it adapts', async () => {
    const nadia = await c.as('learner3');
    const note = await nadia.post(`${c.base}/journal`, { title: 'Mes billets adaptés', body: 'Avec des pictogrammes.', visibility: 'community', source: `thread:${threadId}` });
    assert.equal(note.status, 200);
    assert.equal(linkPath(note.text, 'tell-story'), `${c.base}/posts/${postId}/stories`);
    assert.match(note.text, /Racontez ce qui s’est passé quand vous l’avez appliquée/);
    const alex = await c.as('learner1');
    assert.doesNotMatch((await alex.get(new URL(note.url).pathname)).text, /class="tell-story"/, 'only its author');
  });

  it('takes an evidence file, checked like a resource\'s, served as an attachment to those who can see the story', async () => {
    const sophie = await c.as('learner2');
    const pdf = Buffer.from('%PDF-1.4\n% tableau des résultats\n');
    const before = storedFiles(h.config.DATA_DIR).length;
    const n = await ValueStory.count();
    const bad = await sophie.upload(`${c.base}/posts/${postId}/stories`, { cycle: 'realized', body: 'Voici les résultats.' }, { name: 'resultats.html', type: 'text/html', data: Buffer.from('<script>alert(1)</script>') });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Ce type de fichier n’est pas accepté|not accepted/);
    assert.equal(await ValueStory.count(), n);
    assert.equal(storedFiles(h.config.DATA_DIR).length, before, 'nothing stored');

    const ok = await sophie.upload(`${c.base}/posts/${postId}/stories`, { cycle: 'realized', body: 'Voici les résultats.', evidence: '11 élèves sur 12' }, { name: 'résultats.pdf', type: 'application/pdf', data: pdf });
    assert.equal(ok.status, 200);
    const story = (await ValueStory.findOne({ where: { communityId: c.communityId, evidenceFileName: 'résultats.pdf' } }))!;
    assert.equal(story.evidenceFileType, 'application/pdf');
    assert.equal(storedFiles(h.config.DATA_DIR).length, before + 1);
    assert.match(ok.text, new RegExp(`/stories/${story.id}/evidence`));

    const alex = await c.as('learner1');
    const got = await downloadAs(h, alex, `${c.base}/stories/${story.id}/evidence`);
    assert.equal(got.status, 200);
    assert.equal(got.type, 'application/pdf');
    assert.deepEqual(Buffer.from(got.bytes), pdf);
    const stranger = await (await sharingCommunity(h, h.canvas)).as('learner1');
    assert.notEqual((await downloadAs(h, stranger, `${c.base}/stories/${story.id}/evidence`)).status, 200);

    await sophie.post(`${c.base}/stories/${story.id}/delete`);
    assert.equal((await downloadAs(h, alex, `${c.base}/stories/${story.id}/evidence`)).status, 404);
    assert.equal(storedFiles(h.config.DATA_DIR).length, before, 'the file goes with its story');
  });
});
