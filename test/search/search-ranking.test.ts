import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, userIdIn } from '../helpers/sharing';
import { SearchDocument, type SearchKind } from '../../src/search/model';
import { searchDocuments, type SearchFilter } from '../../src/search/search';
import { pageRequest } from '../../src/content/page';
import { Resource, ResourceViewer } from '../../src/resources/model';
import { Tag, Tagging } from '../../src/content/model';
import { Membership } from '../../src/kernel/community';

type Community = Awaited<ReturnType<typeof sharingCommunity>>;

/**
 * The ranked query at the engine (ranking, filters, pagination), on documents written directly:
 * what the page shows must not depend on how the query is built (a LIMIT in the engine, an index
 * for the filters). Speed is for `npm run bench`.
 */
describe(`search ranking, visibility and pages in the engine (${process.env.TEST_DATABASE_URL ? 'MariaDB' : 'SQLite'})`, () => {
  let h: Harness;
  let c: Community;
  let other: Community;
  let alex: { userId: number; membershipId: number };
  let sophie: { userId: number; membershipId: number };
  let marie: { userId: number; membershipId: number };
  const ids: Record<string, number> = {};
  let tagId: number;

  async function who(community: Community, sub: string) {
    await community.as(sub);
    const userId = await userIdIn(community.communityId, sub);
    const m = await Membership.findOne({ where: { communityId: community.communityId, userId } });
    return { userId, membershipId: m!.id };
  }

  async function doc(name: string, fields: { communityId?: number; kind?: SearchKind; title?: string; body: string; threadId?: number | null; postId?: number | null; resourceId?: number; privateTo?: number }) {
    const n = Object.keys(ids).length + 1;
    const d = await SearchDocument.create({ communityId: c.communityId, docKey: `test:${name}:${n}`, kind: 'discussion', title: '', postId: 900_000 + n, threadId: 800_000 + n, ...fields });
    ids[name] = d.id;
    return d.id;
  }

  async function resource(title: string, visibility: string | null, authorId: number) {
    const r = await Resource.create({ communityId: c.communityId, authorId, kind: 'link', title, descriptionMd: '', descriptionHtml: '', visibility });
    return r.id;
  }

  const search = (a: { userId: number; membershipId: number }, role: 'member' | 'facilitator', q: string, more: Partial<SearchFilter> = {}) =>
    async (page: number, size: number) =>
      (await searchDocuments(h.runtime.sequelize, { communityId: c.communityId, userId: a.userId, membershipId: a.membershipId, role, q, kind: null, tagId: null, ...more }, pageRequest(page, size))).rows.map((r) => r.id);

  /** Every page of `size` hits until the last, checking each page's probe row (one more than the page when there is a next one). */
  async function allPages(run: (page: number, size: number) => Promise<number[]>, size: number): Promise<number[]> {
    const out: number[] = [];
    for (let page = 1; page < 50; page++) {
      const rows = await run(page, size);
      assert.ok(rows.length <= size + 1, `page ${page}: ${rows.length} rows`);
      out.push(...rows.slice(0, size));
      if (rows.length <= size) return out;
      assert.deepEqual(rows[size], (await run(page + 1, size))[0], `page ${page}'s probe row opens page ${page + 1}`);
    }
    throw new Error('too many pages');
  }

  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    other = await sharingCommunity(h);
    alex = await who(c, 'learner1');
    sophie = await who(c, 'learner2');
    marie = await who(c, 'instructor');
    await doc('thrice', { body: 'quiproquo quiproquo quiproquo ensuite' });
    for (let i = 0; i < 12; i++) await doc(`once${i}`, { body: 'un quiproquo ici' });
    await doc('titled', { title: 'Quiproquo en classe', body: 'texte neutre' });
    await doc('knowledge', { kind: 'knowledge', body: 'un quiproquo ici' });
    const forFacilitators = await resource('Réservé', 'facilitators', sophie.userId);
    const forChosen = await resource('Choisis', 'members', marie.userId);
    await ResourceViewer.create({ resourceId: forChosen, membershipId: sophie.membershipId });
    const open = await resource('Ouvert', 'community', marie.userId);
    await doc('facilitators', { kind: 'resource', resourceId: forFacilitators, threadId: null, postId: null, body: 'un quiproquo caché' });
    await doc('facilitatorsComment', { resourceId: forFacilitators, body: 'un quiproquo commenté' });
    await doc('chosen', { kind: 'resource', resourceId: forChosen, threadId: null, postId: null, body: 'un quiproquo choisi' });
    await doc('open', { kind: 'resource', resourceId: open, threadId: null, postId: null, body: 'un quiproquo ouvert' });
    await doc('private', { kind: 'journal', privateTo: sophie.userId, body: 'un quiproquo intime' });
    await doc('elsewhere', { communityId: other.communityId, body: 'quiproquo quiproquo quiproquo quiproquo' });
    const tag = await Tag.create({ communityId: c.communityId, slug: 'malentendu', label: 'malentendu' });
    tagId = tag.id;
    const tagged = await SearchDocument.findByPk(ids.once3);
    await Tagging.create({ communityId: c.communityId, tagId, subjectType: 'thread', subjectId: tagged!.threadId! });
  });

  const hidden = () => ['facilitators', 'facilitatorsComment', 'chosen', 'private', 'elsewhere'].map((n) => ids[n]);

  it('ranks more occurrences first and ties newest first, the same across pages of any size', async () => {
    const run = search(alex, 'member', 'quiproquo');
    const full = await allPages(run, 100);
    assert.equal(new Set(full).size, full.length, 'no hit twice');
    // The twelve identical documents tie: newest (highest id) first, in one run.
    const once = Array.from({ length: 12 }, (_, i) => ids[`once${i}`]);
    const positions = once.map((id) => full.indexOf(id));
    assert.ok(full.includes(ids.thrice) && positions.every((p) => p > full.indexOf(ids.thrice)), 'three occurrences before one');
    assert.deepEqual(positions, [...positions].sort((a, b) => b - a), 'ties ordered by id, newest first');
    for (const size of [1, 5, 7, full.length, full.length - 1]) assert.deepEqual(await allPages(run, size), full, `pages of ${size}`);
    assert.deepEqual(await run(Math.ceil(full.length / 5) + 1, 5), [], 'past the last page: nothing');
    assert.deepEqual((await run(2, 5)).slice(0, 5), full.slice(5, 10), 'page 2');
  });

  it('never returns a hidden resource, its comments, a private entry or another community’s text, on any page', async () => {
    const learner = await allPages(search(alex, 'member', 'quiproquo'), 3);
    for (const id of hidden()) assert.ok(!learner.includes(id), `hidden ${id} found by a learner`);
    assert.ok(learner.includes(ids.open) && learner.includes(ids.titled));
    const chosen = await allPages(search(sophie, 'member', 'quiproquo'), 4);
    assert.ok(chosen.includes(ids.chosen) && chosen.includes(ids.private), 'the chosen member and the journal’s author');
    assert.ok(chosen.includes(ids.facilitators) && chosen.includes(ids.facilitatorsComment), 'its author sees a resource for facilitators');
    assert.ok(!chosen.includes(ids.elsewhere));
    const facilitator = await allPages(search(marie, 'facilitator', 'quiproquo'), 6);
    assert.ok(facilitator.includes(ids.facilitators) && facilitator.includes(ids.chosen), 'a facilitator: for facilitators, and her own');
    assert.ok(!facilitator.includes(ids.private) && !facilitator.includes(ids.elsewhere), 'never a private entry nor another community');
  });

  it('filters by kind and by tag inside the ranked query', async () => {
    assert.deepEqual(await search(alex, 'member', 'quiproquo', { kind: 'knowledge' })(1, 20), [ids.knowledge]);
    assert.deepEqual(await search(alex, 'member', 'quiproquo', { kind: 'resource' })(1, 20), [ids.open]);
    assert.deepEqual(await search(alex, 'member', 'quiproquo', { tagId: [tagId] })(1, 20), [ids.once3]);
    assert.deepEqual(await search(alex, 'member', 'quiproquo', { kind: 'knowledge', tagId: [tagId] })(1, 20), []);
  });
});
