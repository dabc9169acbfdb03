import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn, type Member } from '../helpers/sharing';
import { Post, Reaction, Thread } from '../../src/discussions/model';
import { Resource } from '../../src/resources/model';
import { Tag, Tagging } from '../../src/content/model';
import { SearchDocument } from '../../src/search/model';
import { queryCount } from '../../src/db';

/**
 * SQL statements of one page load in steady state (the harness serves in this process: the counter
 * sees its queries). The page is loaded once first, so the once-a-minute session touch and caches
 * do not land in the count. Speed is for `npm run bench`, not for tests.
 */
async function measure(member: Member, path: string, query: Record<string, string | number> = {}) {
  await member.get(path, query);
  const before = queryCount.total;
  const res = await member.get(path, query);
  assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 300)}`);
  if (process.env.SCALE_DEBUG) process.stdout.write(`${path} ${JSON.stringify(query)}: ${queryCount.total - before} queries\n`);
  return { queries: queryCount.total - before, text: res.text };
}

describe('scale: a thread of 500 posts and a library of 5,000 resources (paginated, no N+1)', function () {
  this.timeout(240_000);
  let h: Harness;
  let c: Awaited<ReturnType<typeof sharingCommunity>>;
  let alex: Member;
  let authors: number[];
  before(async () => {
    h = await harness();
    c = await sharingCommunity(h);
    alex = await c.as('learner1');
    for (const who of ['learner2', 'learner3', 'mentor', 'ta']) await c.as(who);
    authors = await Promise.all(['learner1', 'learner2', 'learner3', 'mentor', 'ta'].map((sub) => userIdIn(c.communityId, sub)));
  });

  async function seedThread(replies: number): Promise<number> {
    const id = idFrom((await alex.post(`${c.base}/threads`, { kind: 'discussion', title: `Fil de ${replies} messages`, body: 'Ouverture', tags: 'charge' })).url, 'threads');
    const t0 = Date.now();
    const rows = Array.from({ length: replies }, (_, i) => ({
      communityId: c.communityId,
      threadId: id,
      authorId: authors[i % authors.length],
      bodyMd: `Message ${i}`,
      bodyHtml: `<p>Message ${i} <strong>gras</strong></p>`,
      textLength: 12,
      createdAt: new Date(t0 + i),
      updatedAt: new Date(t0 + i),
    }));
    await Post.bulkCreate(rows);
    // One level of nesting: every 5th post answers the previous top-level one.
    const posts = await Post.findAll({ where: { threadId: id }, order: [['id', 'ASC']], attributes: ['id'] });
    const nested = posts.slice(1).filter((_, i) => i % 5 === 4);
    for (const p of nested) await Post.update({ parentId: p.id - 1 }, { where: { id: p.id } });
    await Reaction.bulkCreate(posts.slice(1, 200).map((p, i) => ({ communityId: c.communityId, postId: p.id, userId: authors[i % authors.length], kind: 'useful' })));
    await Thread.update({ replyCount: replies, lastPostAt: new Date() }, { where: { id } });
    return id;
  }

  it('serves every page of a 500-post thread with the same number of queries as a 20-post one', async () => {
    const small = await seedThread(20);
    const big = await seedThread(500);
    const s = await measure(alex, `${c.base}/threads/${small}`);
    const b1 = await measure(alex, `${c.base}/threads/${big}`);
    const pages = Number(/Page 1 of (\d+)/.exec(b1.text)?.[1]);
    assert.ok(pages >= 16, `${pages} pages`);
    const bLast = await measure(alex, `${c.base}/threads/${big}`, { page: pages });
    assert.match(bLast.text, /Message 499/);
    assert.equal(b1.queries, s.queries, `queries: 20 posts → ${s.queries}, 500 posts → ${b1.queries}`);
    assert.ok(b1.queries <= 25, `${b1.queries} queries`);
    assert.ok(bLast.queries <= b1.queries, `last page ${bLast.queries} queries`);
    const lastPost = await Post.findOne({ where: { threadId: big }, order: [['id', 'DESC']] });
    const permalink = await measure(alex, `${c.base}/posts/${lastPost!.id}`);
    assert.match(permalink.text, /Message 499/);
  });

  it('lists, sorts, filters and searches a 5,000-resource library with a constant number of queries', async () => {
    const now = Date.now();
    const tag = await Tag.create({ communityId: c.communityId, slug: 'grilles', label: 'grilles' });
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      communityId: c.communityId,
      authorId: authors[i % authors.length],
      kind: i % 3 === 0 ? 'file' : 'link',
      title: `Ressource ${i} ${i % 50 === 0 ? 'pédagogique' : 'pratique'}`,
      url: i % 3 === 0 ? null : `https://example.org/${i}`,
      descriptionMd: `Description ${i}`,
      descriptionHtml: `<p>Description ${i} sur l’évaluation ${i % 7 === 0 ? 'formative' : 'sommative'}</p>`,
      textLength: 20,
      endorsementCount: i % 13,
      createdAt: new Date(now - i * 1000),
      updatedAt: new Date(now - i * 1000),
    }));
    for (let i = 0; i < rows.length; i += 1000) await Resource.bulkCreate(rows.slice(i, i + 1000));
    const ids = (await Resource.findAll({ where: { communityId: c.communityId }, attributes: ['id', 'title', 'descriptionHtml'], order: [['id', 'ASC']] }));
    await Tagging.bulkCreate(ids.filter((_, i) => i % 10 === 0).map((r) => ({ communityId: c.communityId, tagId: tag.id, subjectType: 'resource', subjectId: r.id })));
    const docs = ids.map((r) => ({ communityId: c.communityId, docKey: `resource:${r.id}`, kind: 'resource', resourceId: r.id, title: r.title, body: r.descriptionHtml.replace(/<[^>]+>/g, '') }));
    for (let i = 0; i < docs.length; i += 1000) await SearchDocument.bulkCreate(docs.slice(i, i + 1000));
    const first = await measure(alex, `${c.base}/resources`);
    const deep = await measure(alex, `${c.base}/resources`, { page: 200 });
    const endorsed = await measure(alex, `${c.base}/resources`, { sort: 'endorsed', page: 3 });
    const tagged = await measure(alex, `${c.base}/resources`, { tag: 'grilles', page: 2 });
    const search = await measure(alex, `${c.base}/search`, { q: 'évaluation formative', kind: 'resource' });
    for (const [name, m] of Object.entries({ first, deep, endorsed, tagged, search })) {
      assert.ok(m.queries <= 16, `${name}: ${m.queries} queries`);
    }
    assert.equal(first.queries, deep.queries);
    assert.match(first.text, /Page 1 of 250/);
    assert.match(endorsed.text, /12 members used it/);
    assert.match(search.text, /<mark>formative<\/mark>/);
  });
});
