import assert from 'node:assert/strict';
import type { Router } from 'express';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, storedFiles, type Member } from '../helpers/sharing';
import { discussionRoutes } from '../../src/discussions/routes';
import { journalRoutes } from '../../src/journal/routes';
import { resourceRoutes } from '../../src/resources/routes';
import { searchRoutes } from '../../src/search/routes';
import { Thread, Post, Reaction, ThreadFollow, ModerationAction, Scaffold, PostLink, Mention } from '../../src/discussions/model';
import { Resource, ResourceEndorsement } from '../../src/resources/model';
import { Tag, Tagging } from '../../src/content/model';
import { SearchDocument } from '../../src/search/model';
import { Activity } from '../../src/activity/model';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every (method, path) the sharing routers serve, read from the routers themselves: no route can be forgotten. */
function sharingRoutes(h: Harness): Array<{ method: 'GET' | 'POST'; path: string }> {
  const routers: Router[] = [discussionRoutes, journalRoutes, resourceRoutes, searchRoutes].map((f) => f(h.config, h.runtime.sequelize));
  const out: Array<{ method: 'GET' | 'POST'; path: string }> = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase() as 'GET' | 'POST', path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  for (const r of routers) walk((r as unknown as { stack: Layer[] }).stack);
  return out;
}

async function footprint(h: Harness) {
  const counts = await Promise.all([Thread, Post, Reaction, ThreadFollow, ModerationAction, Scaffold, PostLink, Mention, Resource, ResourceEndorsement, Tag, Tagging, SearchDocument, Activity].map((m) => (m as unknown as { count: () => Promise<number> }).count()));
  const updated = await Promise.all([Thread, Post, Resource].map((m) => (m as unknown as { max: (c: string) => Promise<unknown> }).max('updatedAt')));
  return { counts, updated: updated.map(String), files: storedFiles(h.config.DATA_DIR) };
}

/** A form for each write route, valid enough that only scoping can refuse it. */
function formFor(path: string, ids: Record<string, number>): Record<string, string | string[]> {
  if (path.endsWith('/move')) return { target: String(ids.threadId), reason: 'Déplacement' };
  if (path.endsWith('/hide') || path.endsWith('/restore')) return { reason: 'Une raison' };
  if (path.endsWith('/rise-above')) return { body: 'Synthèse', targets: [String(ids.postId), String(ids.otherPostId)] };
  if (path.endsWith('/reactions')) return { kind: 'useful', on: '1' };
  if (path.endsWith('/scaffolds')) return { key: ['my_theory'], label_fr: ['Pris'], label_en: ['Taken'], state: ['active'] };
  if (path.includes('/resources')) return { kind: 'link', title: 'Intrusion', url: 'https://x.example', description: 'x', body: 'x', on: '1' };
  if (path.includes('/journal')) return { title: 'Intrusion', body: 'x', visibility: 'community' };
  return { kind: 'discussion', title: 'Intrusion', body: 'Intrusion', on: '1' };
}

describe('isolation: nothing of community B is reachable from community A, by URL or by search', () => {
  let h: Harness;
  let a: Awaited<ReturnType<typeof sharingCommunity>>;
  let b: Awaited<ReturnType<typeof sharingCommunity>>;
  let ids: Record<string, number>;
  let attacker: Member;
  before(async () => {
    h = await harness();
    a = await sharingCommunity(h);
    // B lives on the other platform: its people are other users, none of them a member of A.
    b = await sharingCommunity(h, h.canvas);
    const bMarie = await b.as('instructor');
    const bAlex = await b.as('learner1');
    const threadId = idFrom((await bMarie.post(`${b.base}/threads`, { kind: 'knowledge', title: 'Secret de B', body: 'Zéphyrin confidentiel de B' })).url, 'threads');
    await bAlex.post(`${b.base}/threads/${threadId}/posts`, { body: 'Réponse zéphyrin' });
    const posts = await Post.findAll({ where: { threadId }, order: [['id', 'ASC']] });
    await bMarie.post(`${b.base}/posts/${posts[1].id}/hide`, { reason: 'Pour tester restore' });
    const entryId = idFrom((await bAlex.post(`${b.base}/journal`, { title: 'Journal de B', body: 'Zéphyrin', visibility: 'community' })).url, 'journal');
    const upload = await bAlex.upload(`${b.base}/resources`, { kind: 'file', title: 'Fichier de B', description: 'Zéphyrin' }, { name: 'b.txt', type: 'text/plain', data: Buffer.from('secret de B') });
    const resourceId = idFrom(upload.url, 'resources');
    ids = { communityId: b.communityId, threadId, postId: posts[0].id, otherPostId: posts[1].id, entryId, resourceId };
    // The attacker is A's facilitator: the strongest role, so only scoping can stop them.
    attacker = await a.as('instructor');
  });

  it('refuses every sharing route of B to a facilitator of A (403 under /c/B), writing nothing', async () => {
    const routes = sharingRoutes(h);
    assert.ok(routes.length >= 45, `found ${routes.length} routes`);
    const before = await footprint(h);
    for (const { method, path } of routes) {
      const concrete = path
        .replace(':communityId', String(ids.communityId))
        .replace(':threadId', String(ids.threadId))
        .replace(':postId', String(ids.otherPostId))
        .replace(':entryId', String(ids.entryId))
        .replace(':resourceId', String(ids.resourceId));
      assert.ok(!concrete.includes(':'), `unhandled parameter in ${path}`);
      const res = method === 'GET' ? await attacker.get(concrete) : await attacker.post(concrete, formFor(path, ids));
      assert.equal(res.status, 403, `${method} ${concrete}`);
      assert.ok(!res.text.includes('Zéphyrin') && !res.text.includes('secret de B'), `${method} ${concrete} leaked content`);
    }
    const multipart = await attacker.upload(`/c/${ids.communityId}/resources`, { kind: 'file', title: 'Intrusion', description: 'x' }, { name: 'a.txt', type: 'text/plain', data: Buffer.from('x') });
    assert.equal(multipart.status, 403);
    assert.deepEqual(await footprint(h), before);
  });

  it("refuses B's objects under A's own address (404), writing nothing", async () => {
    const routes = sharingRoutes(h).filter((r) => /:(threadId|postId|entryId|resourceId)/.test(r.path));
    const before = await footprint(h);
    for (const { method, path } of routes) {
      const concrete = path
        .replace(':communityId', String(a.communityId))
        .replace(':threadId', String(ids.threadId))
        .replace(':postId', String(ids.otherPostId))
        .replace(':entryId', String(ids.entryId))
        .replace(':resourceId', String(ids.resourceId));
      const res = method === 'GET' ? await attacker.get(concrete) : await attacker.post(concrete, formFor(path, ids));
      assert.equal(res.status, 404, `${method} ${concrete}`);
      assert.ok(!res.text.includes('Zéphyrin'), `${method} ${concrete} leaked content`);
    }
    assert.deepEqual(await footprint(h), before);
  });

  it("refuses to link A's content to B's: moving into B's thread, a rise-above over B's posts, an adaptation of B's practice", async () => {
    const alex = await a.as('learner1');
    const aThread = idFrom((await alex.post(`${a.base}/threads`, { kind: 'knowledge', title: 'Fil de A', body: 'A' })).url, 'threads');
    await alex.post(`${a.base}/threads/${aThread}/posts`, { body: 'Réponse de A' });
    const aReply = (await Post.findOne({ where: { threadId: aThread }, order: [['id', 'DESC']] }))!.id;
    const before = await footprint(h);
    assert.equal((await attacker.post(`${a.base}/posts/${aReply}/move`, { target: String(ids.threadId), reason: 'Vers B' })).status, 400);
    assert.equal((await alex.post(`${a.base}/threads/${aThread}/rise-above`, { body: 'Synthèse', targets: [String(ids.postId), String(ids.otherPostId)] })).status, 400);
    assert.equal((await alex.post(`${a.base}/journal`, { title: 'Adaptation', body: 'x', visibility: 'community', source: `thread:${ids.threadId}` })).status, 400);
    assert.equal((await alex.post(`${a.base}/journal`, { title: 'Adaptation', body: 'x', visibility: 'community', source: `resource:${ids.resourceId}` })).status, 400);
    assert.deepEqual(await footprint(h), before);
  });

  it("never finds B's content from A's search, nor lists it in A's pages", async () => {
    const inB = await (await b.as('learner1')).get(`${b.base}/search`, { q: 'zéphyrin' });
    assert.match(inB.text, /Secret de B/, 'control: B finds its own content');
    for (const path of ['/search?q=zéphyrin', '/search?q=secret', '/discussions', '/knowledge', '/journal', '/resources', '']) {
      const res = await attacker.get(`${a.base}${path.replace(/\?.*/, '')}`, Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? '')));
      assert.equal(res.status, 200, path);
      // (the search box echoes the words typed; B's texts and titles must not appear)
      assert.ok(!/confidentiel|Réponse zéphyrin|Secret de B|Fichier de B|Journal de B|<mark>/.test(res.text), `${path} leaked B`);
    }
  });
});
