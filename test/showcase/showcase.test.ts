import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn, type Member } from '../helpers/sharing';
import { Post, Thread } from '../../src/discussions/model';
import { Problem } from '../../src/problems/model';
import { ValueStory } from '../../src/stories/model';
import { ShowcaseItem } from '../../src/showcase/model';
import { User } from '../../src/users/model';
import { Membership } from '../../src/kernel/community';
import { Notification } from '../../src/notifications/model';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/** A public page fetched as a visitor: no session, no cookie. */
async function visit(h: Harness, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, h.toolUrl), { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Every same-site link of a public page, fetched without a session: all answer, none leads inside the community. */
async function crawl(h: Harness, start: string): Promise<string[]> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const page = await visit(h, queue.shift()!);
    assert.equal(page.status, 200);
    for (const m of page.text.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
      const link = m[1].replace(/&amp;/g, '&');
      assert.doesNotMatch(link, /^\/c\/|[?&]s=/, `a public page links into the community: ${link}`);
      if (!seen.has(link) && link.startsWith('/p/')) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return [...seen];
}

describe('the public showcase: consent per item, publication, no session, Atom feed', () => {
  let h: Harness;
  let c: Community;
  let marie: Member;
  let alex: Member;
  let sophie: Member;
  let slug: string;
  let resourceItem: ShowcaseItem;
  let storyItem: ShowcaseItem;
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    marie = await c.as('instructor');
    alex = await c.as('learner1');
    sophie = await c.as('learner2');
    slug = `reseau-${c.communityId}`;
    const thread = idFrom((await marie.post(`${c.base}/threads`, { kind: 'discussion', title: 'Discussion interne confidentielle', body: 'Pas pour le public.' })).url, 'threads');
    const post = (await Thread.findByPk(thread))!.firstPostId!;
    const resource = idFrom((await alex.post(`${c.base}/resources`, { kind: 'link', title: 'Gabarit de billet de sortie', url: 'https://example.org/billet', description: 'Un gabarit **prêt à imprimer**.' })).url, 'resources');
    await sophie.post(`${c.base}/posts/${post}/stories`, { cycle: 'realized', body: 'Mes élèves nomment ce qu’ils n’ont pas compris.', evidence: '24 billets sur 28' });
    const story = (await ValueStory.findOne({ where: { communityId: c.communityId } }))!;
    assert.equal((await marie.post(`${c.base}/showcase/settings`, { slug, indexable: '' })).status, 200);
    const page = await marie.get(`${c.base}/showcase`);
    assert.match(page.text, new RegExp(`data-candidate="resource:${resource}"`));
    assert.match(page.text, new RegExp(`data-candidate="story:${story.id}"`));
    await marie.post(`${c.base}/showcase/items`, { type: 'resource', id: String(resource) });
    await marie.post(`${c.base}/showcase/items`, { type: 'story', id: String(story.id) });
    resourceItem = (await ShowcaseItem.findOne({ where: { communityId: c.communityId, subjectType: 'resource' } }))!;
    storyItem = (await ShowcaseItem.findOne({ where: { communityId: c.communityId, subjectType: 'story' } }))!;
    assert.equal(resourceItem.authorId, await userIdIn(c.communityId, 'learner1'));
    // The author is asked for consent.
    const alexMembership = (await Membership.findOne({ where: { communityId: c.communityId, userId: resourceItem.authorId } }))!;
    const asked = await Notification.findOne({ where: { membershipId: alexMembership.id, kind: 'showcase.consent' } });
    assert.equal(asked?.link, `${c.base}/showcase`);
    assert.equal(asked?.params.title, 'Gabarit de billet de sortie');
  });

  it('refuses to publish an item without its author\'s consent; the author answers for their own item only', async () => {
    const refused = await marie.post(`${c.base}/showcase/items/${resourceItem.id}/publish`);
    assert.equal(refused.status, 409);
    assert.match(refused.text, /sans le consentement de son auteur/);
    assert.equal((await ShowcaseItem.findByPk(resourceItem.id))!.status, 'proposed');
    assert.doesNotMatch((await visit(h, `/p/${slug}`)).text, /Gabarit de billet/);

    assert.equal((await sophie.post(`${c.base}/showcase/items/${resourceItem.id}/consent`, { answer: 'named' })).status, 403, 'not her contribution');
    assert.equal((await alex.post(`${c.base}/showcase/items/${resourceItem.id}/consent`, { answer: 'maybe' })).status, 400);
    assert.equal((await ShowcaseItem.findByPk(resourceItem.id))!.consent, null);
    const mine = await alex.get(`${c.base}/showcase`);
    assert.match(mine.text, /May the community publish this contribution on its public site\?/);
    assert.doesNotMatch(mine.text, /24 billets sur 28|data-candidate/, 'a member sees their own items only, and no candidates');
    await alex.post(`${c.base}/showcase/items/${resourceItem.id}/consent`, { answer: 'named' });
    await sophie.post(`${c.base}/showcase/items/${storyItem.id}/consent`, { answer: 'anonymous' });
    assert.equal((await alex.post(`${c.base}/showcase/items/${resourceItem.id}/publish`)).status, 403, 'members do not publish');
    assert.equal((await marie.post(`${c.base}/showcase/items/${resourceItem.id}/publish`)).status, 200);
    assert.equal((await marie.post(`${c.base}/showcase/items/${storyItem.id}/publish`)).status, 200);
  });

  it('shows only published items, without a session, in French or English, with the names the authors agreed to show; and its Atom feed', async () => {
    const fr = await visit(h, `/p/${slug}`, { 'accept-language': 'fr-CA' });
    assert.equal(fr.status, 200);
    assert.match(fr.text, /<h1 id="pub-h">Enseigner en réseau<\/h1>/);
    assert.match(fr.text, /Gabarit de billet de sortie/);
    assert.match(fr.text, /<strong>prêt à imprimer<\/strong>/);
    assert.match(fr.text, /Alex Smith/);
    assert.match(fr.text, /Mes élèves nomment ce qu’ils n’ont pas compris/);
    assert.match(fr.text, /Un membre de la communauté/);
    assert.doesNotMatch(fr.text, /Sophie Roy/, 'an anonymous author is not named');
    assert.doesNotMatch(fr.text, /Discussion interne confidentielle|Marie Tremblay/);
    assert.equal(fr.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.match(fr.text, /<meta name="robots" content="noindex, nofollow">/);
    assert.match(fr.text, new RegExp(`<link rel="alternate" type="application/atom\\+xml" href="/p/${slug}/feed.atom">`), 'feed autodiscovery');
    assert.match(fr.headers.get('cache-control') ?? '', /public/);
    const en = await visit(h, `/p/${slug}?lang=en`);
    assert.match(en.text, /A member of the community/);
    assert.match(en.text, /Realized: a result I saw/);
    const pages = await crawl(h, `/p/${slug}`);
    assert.ok(pages.includes(`/p/${slug}/feed.atom`));

    const feed = await visit(h, `/p/${slug}/feed.atom`);
    assert.match(feed.headers.get('content-type') ?? '', /application\/atom\+xml/);
    assert.match(feed.text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.equal(feed.text.match(/<entry>/g)?.length, 2);
    assert.match(feed.text, /<name>Alex Smith<\/name>/);
    assert.match(feed.text, /&lt;strong&gt;prêt à imprimer&lt;\/strong&gt;/, 'HTML content escaped');
    assert.doesNotMatch(feed.text, /Sophie Roy|Discussion interne/);

    assert.equal((await visit(h, '/p/no-such-showcase')).status, 404);
    assert.equal((await visit(h, `/p/${slug}?lang=de`)).status, 400);
  });

  it('unpublishing, a consent taken back and an erased author remove an item from the page and the feed at once', async () => {
    await marie.post(`${c.base}/showcase/items/${storyItem.id}/unpublish`);
    assert.doesNotMatch((await visit(h, `/p/${slug}`)).text, /Mes élèves nomment/);
    assert.doesNotMatch((await visit(h, `/p/${slug}/feed.atom`)).text, /Mes élèves nomment/);
    assert.match((await visit(h, `/p/${slug}`)).text, /Gabarit de billet/);

    await alex.post(`${c.base}/showcase/items/${resourceItem.id}/consent`, { answer: 'declined' });
    assert.equal((await ShowcaseItem.findByPk(resourceItem.id))!.status, 'unpublished');
    assert.doesNotMatch((await visit(h, `/p/${slug}`)).text, /Gabarit de billet/);

    await alex.post(`${c.base}/showcase/items/${resourceItem.id}/consent`, { answer: 'named' });
    await marie.post(`${c.base}/showcase/items/${resourceItem.id}/publish`);
    assert.match((await visit(h, `/p/${slug}/feed.atom`)).text, /Gabarit de billet/);
    const alexUser = await userIdIn(c.communityId, 'learner1');
    await User.update({ erasedAt: new Date() }, { where: { id: alexUser } });
    try {
      assert.doesNotMatch((await visit(h, `/p/${slug}`)).text, /Gabarit de billet|Alex Smith/);
      assert.doesNotMatch((await visit(h, `/p/${slug}/feed.atom`)).text, /Gabarit de billet|Alex Smith/);
    } finally {
      await User.update({ erasedAt: null }, { where: { id: alexUser } });
    }
  });

  it('keeps setup and proposals to facilitators, addresses unique, bad input a 400; an indexable showcase lets robots in', async () => {
    assert.equal((await alex.post(`${c.base}/showcase/settings`, { slug: 'prise-par-alex' })).status, 403);
    assert.equal((await alex.post(`${c.base}/showcase/items`, { type: 'story', id: '1' })).status, 403);
    assert.equal((await marie.post(`${c.base}/showcase/settings`, { slug: 'Pas Valide!' })).status, 400);
    const other = await sharingCommunity(h);
    const otherMarie = await other.as('instructor');
    const taken = await otherMarie.post(`${other.base}/showcase/settings`, { slug });
    assert.equal(taken.status, 400);
    assert.match(taken.text, /Une autre communauté utilise déjà cette adresse/);
    const n = await ShowcaseItem.count();
    assert.equal((await otherMarie.post(`${other.base}/showcase/items`, { type: 'story', id: String(storyItem.subjectId) })).status, 400, 'a story of another community');
    assert.equal((await otherMarie.post(`${other.base}/showcase/items/${resourceItem.id}/unpublish`)).status, 404);
    assert.equal((await otherMarie.post(`${other.base}/showcase/items`, { type: 'meeting', id: '1' })).status, 400);
    assert.equal(await ShowcaseItem.count(), n);
    await marie.post(`${c.base}/showcase/settings`, { slug, indexable: '1' });
    const open = await visit(h, `/p/${slug}`);
    assert.equal(open.headers.get('x-robots-tag'), null);
    assert.doesNotMatch(open.text, /name="robots"/);
  });

  it('publishes a solved problem with its accepted solution and a synthesis; an open problem cannot be proposed', async () => {
    const chris = await c.as('mentor');
    const res = await sophie.post(`${c.base}/problems`, { title: 'Gérer les retards chroniques', context: 'Trois élèves arrivent en retard chaque matin.', tried: 'Un rappel.', needed: 'Des idées.' });
    const threadId = idFrom(res.url, 'problems');
    const problem = (await Problem.findOne({ where: { threadId } }))!;
    assert.equal((await marie.post(`${c.base}/showcase/items`, { type: 'problem', id: String(problem.id) })).status, 400, 'not solved yet');
    await chris.post(`${c.base}/problems/${threadId}/leads`, { body: 'Parlez-leur individuellement.' });
    const lead = (await Post.findOne({ where: { threadId, parentId: null }, order: [['id', 'DESC']] }))!;
    await sophie.post(`${c.base}/problems/${threadId}/leads/${lead.id}/accept`);
    assert.equal((await problem.reload()).status, 'solved');

    const k = idFrom((await alex.post(`${c.base}/threads`, { kind: 'knowledge', title: 'Pourquoi les élèves décrochent-ils?', body: 'La charge.', scaffold: 'my_theory' })).url, 'threads');
    await sophie.post(`${c.base}/threads/${k}/posts`, { body: 'Le sens des devoirs.', scaffold: 'need_to_understand' });
    const targets = await Post.findAll({ where: { threadId: k }, order: [['id', 'ASC']] });
    await chris.post(`${c.base}/threads/${k}/rise-above`, { body: 'Mettons ensemble : **charge et sens**.', targets: targets.map((t) => String(t.id)), scaffold: 'putting_together' });
    const note = (await Post.findOne({ where: { threadId: k, kind: 'rise_above' } }))!;

    for (const [type, id] of [['problem', problem.id], ['rise_above', note.id]] as const) {
      await marie.post(`${c.base}/showcase/items`, { type, id: String(id) });
      const item = (await ShowcaseItem.findOne({ where: { communityId: c.communityId, subjectType: type, subjectId: id } }))!;
      const author = type === 'problem' ? sophie : chris;
      await author.post(`${c.base}/showcase/items/${item.id}/consent`, { answer: 'named' });
      assert.equal((await marie.post(`${c.base}/showcase/items/${item.id}/publish`)).status, 200);
    }
    const page = (await visit(h, `/p/${slug}?lang=fr`)).text;
    assert.match(page, /Gérer les retards chroniques/);
    assert.match(page, /Trois élèves arrivent en retard/);
    assert.match(page, /La solution<\/h3><div class="post-body"><p>Parlez-leur individuellement\.<\/p>/);
    assert.match(page, /Pourquoi les élèves décrochent-ils\?/);
    assert.match(page, /<strong>charge et sens<\/strong>/);
    assert.match(page, /Chris Lee/);
    assert.doesNotMatch(page, /Le sens des devoirs/, 'only the synthesis, not the notes it links');
  });
});
