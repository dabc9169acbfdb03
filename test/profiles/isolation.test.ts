import assert from 'node:assert/strict';
import type { Router } from 'express';
import { harness, type Harness } from '../helpers/harness';
import { peopleCommunity, ok, idFrom, type Member } from '../helpers/people';
import { launchAll } from '../helpers/people';
import { PEOPLE_ROUTERS } from '../../src/routes';
import { Profile, ProfileTag, MemberFollow } from '../../src/profiles/model';
import { Problem, ProblemAddressee, HelpfulLead } from '../../src/problems/model';
import { Mentorship, MentoringMessage, MentoringGoal, MentoringCheckin } from '../../src/mentoring/model';
import { CommunityIntroduction } from '../../src/onboarding/model';
import { Thread, Post } from '../../src/discussions/model';
import { Activity } from '../../src/activity/model';
import { Notification } from '../../src/notifications/model';
import { SearchDocument } from '../../src/search/model';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every (method, path) of the people routers, read from the routers themselves: no route can be forgotten. */
function peopleRoutes(h: Harness): Array<{ method: 'GET' | 'POST'; path: string }> {
  const out: Array<{ method: 'GET' | 'POST'; path: string }> = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase() as 'GET' | 'POST', path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  for (const make of PEOPLE_ROUTERS) walk((make(h.config, h.runtime.sequelize) as unknown as Router & { stack: Layer[] }).stack);
  return out;
}

async function footprint() {
  const models = [Profile, ProfileTag, MemberFollow, Problem, ProblemAddressee, HelpfulLead, Mentorship, MentoringMessage, MentoringGoal, MentoringCheckin, CommunityIntroduction, Thread, Post, Activity, Notification, SearchDocument];
  const counts = await Promise.all(models.map((m) => (m as unknown as { count: () => Promise<number> }).count()));
  const updated = await Promise.all([Profile, Problem, Mentorship, MentoringGoal].map((m) => (m as unknown as { max: (c: string) => Promise<unknown> }).max('updatedAt')));
  return { counts, updated: updated.map(String) };
}

/** A form valid enough that only scoping can refuse it. */
function formFor(path: string, ids: Record<string, number>): Record<string, string | string[]> {
  if (path.endsWith('/follow') || path.endsWith('/helpful') || path.endsWith('/invite') || path.includes('/goals/')) return { on: '1', next: '' };
  if (path.endsWith('/status')) return { status: 'archived' };
  if (path.endsWith('/resolve')) return { resolution: 'Intrusion' };
  if (path.endsWith('/leads') || path.endsWith('/messages')) return { body: 'Intrusion' };
  if (path.endsWith('/goals')) return { title: 'Intrusion' };
  if (path.endsWith('/checkins')) return { note: 'Intrusion' };
  if (path.endsWith('/introduce')) return { body: 'Intrusion', share: '1' };
  if (path.endsWith('/mentoring')) return { mentor: String(ids.membershipId), mentee: String(ids.otherMembershipId) };
  if (path.endsWith('/problems')) return { title: 'Intrusion', context: 'a', tried: 'b', needed: 'c', audience: 'chosen', to: String(ids.membershipId) };
  return { roleTitle: 'Intrusion', expertise: 'intrusion' };
}

function concrete(path: string, communityId: number, ids: Record<string, number>): string {
  return path
    .replace(':communityId', String(communityId))
    .replace(':membershipId', String(ids.membershipId))
    .replace(':threadId', String(ids.threadId))
    .replace(':postId', String(ids.postId))
    .replace(':pairId', String(ids.pairId))
    .replace(':goalId', String(ids.goalId));
}

describe('people isolation: nothing of community B is reachable from community A, by URL or by search', () => {
  let h: Harness;
  let a: Awaited<ReturnType<typeof peopleCommunity>>;
  let b: Awaited<ReturnType<typeof peopleCommunity>>;
  let ids: Record<string, number>;
  let attacker: Member;
  before(async () => {
    h = await harness();
    a = await peopleCommunity(h);
    b = await peopleCommunity(h, h.canvas);
    const [bMarie, bAlex, bChris] = await launchAll(b, ['instructor', 'learner1', 'mentor']);
    await ok(bAlex, `${b.base}/profile`, { roleTitle: 'Zéphyrin de B', expertise: 'zéphyrologie' });
    const threadId = idFrom((await ok(bAlex, `${b.base}/problems`, { title: 'Problème zéphyrin de B', context: 'Zéphyrin confidentiel', tried: 'x', needed: 'y', tags: 'zéphyrologie' })).url, 'problems');
    await ok(bChris, `${b.base}/problems/${threadId}/leads`, { body: 'Piste zéphyrine de B' });
    const lead = (await Post.findOne({ where: { threadId }, order: [['id', 'DESC']] }))!;
    const pairId = idFrom((await ok(bAlex, `${b.base}/mentoring`, { mentor: String(await b.mid('mentor')) })).url, 'mentoring');
    await ok(bChris, `${b.base}/mentoring/${pairId}/accept`);
    await ok(bAlex, `${b.base}/mentoring/${pairId}/goals`, { title: 'Objectif zéphyrin' });
    await ok(bAlex, `${b.base}/mentoring/${pairId}/messages`, { body: 'Message zéphyrin' });
    const goal = (await MentoringGoal.findOne({ where: { mentorshipId: pairId } }))!;
    await ok(bMarie, `${b.base}/welcome/introduce`, { body: 'Présentation zéphyrine', share: '1' });
    ids = { membershipId: await b.mid('learner1'), otherMembershipId: await b.mid('learner2'), threadId, postId: lead.id, pairId, goalId: goal.id };
    // The attacker is A's facilitator: the strongest role, so only scoping can stop them.
    attacker = await a.as('instructor');
  });

  it('refuses every people route of B to a facilitator of A (403 under /c/B), writing nothing', async () => {
    const routes = peopleRoutes(h);
    assert.ok(routes.length >= 25, `found ${routes.length} routes`);
    const before = await footprint();
    for (const { method, path } of routes) {
      const url = concrete(path, b.communityId, ids);
      assert.ok(!url.includes(':'), `unhandled parameter in ${path}`);
      const res = method === 'GET' ? await attacker.get(url) : await attacker.post(url, formFor(path, ids));
      assert.equal(res.status, 403, `${method} ${url}`);
      assert.ok(!res.text.includes('Zéphyrin') && !res.text.includes('zéphyrin'), `${method} ${url} leaked content`);
    }
    assert.deepEqual(await footprint(), before);
  });

  it("refuses B's objects under A's own address (404), writing nothing", async () => {
    const routes = peopleRoutes(h).filter((r) => /:(membershipId|threadId|postId|pairId|goalId)/.test(r.path));
    assert.ok(routes.length >= 15, `found ${routes.length} routes`);
    const before = await footprint();
    for (const { method, path } of routes) {
      const url = concrete(path, a.communityId, ids);
      const res = method === 'GET' ? await attacker.get(url) : await attacker.post(url, formFor(path, ids));
      assert.equal(res.status, 404, `${method} ${url}`);
      assert.ok(!/zéphyrin/i.test(res.text), `${method} ${url} leaked content`);
    }
    assert.deepEqual(await footprint(), before);
  });

  it("refuses B's members as addressees, mentors or mentees in A (400), writing nothing", async () => {
    const alex = await a.as('learner1');
    const aMentor = await a.mid('mentor'); // launched before the footprint: a first launch writes its own rows
    const before = await footprint();
    assert.equal((await alex.post(`${a.base}/problems`, { title: 'Vers B', context: 'a', tried: 'b', needed: 'c', audience: 'chosen', to: String(ids.membershipId) })).status, 400);
    assert.equal((await alex.post(`${a.base}/mentoring`, { mentor: String(ids.membershipId) })).status, 400);
    assert.equal((await attacker.post(`${a.base}/mentoring`, { mentor: String(aMentor), mentee: String(ids.membershipId) })).status, 400);
    assert.deepEqual(await footprint(), before);
  });

  it("never finds B's problems, profiles or pairs from A's search, directory, lists or home", async () => {
    const inB = await (await b.as('learner2')).get(`${b.base}/search`, { q: 'zéphyrin' });
    assert.match(inB.text, /Problème zéphyrin de B/, 'control: B finds its own problem');
    for (const [path, query] of [['/search', { q: 'zéphyrin' }], ['/people', { help: 'zéphyrologie' }], ['/people', { tag: 'zephyrologie' }], ['/people', {}], ['/problems', {}], ['/mentoring', {}], ['/welcome', {}], ['', {}]] as const) {
      const res = await attacker.get(`${a.base}${path}`, query);
      assert.equal(res.status, 200, path);
      assert.ok(!/Zéphyrin de B|Problème zéphyrin|Piste zéphyrine|Objectif zéphyrin|Message zéphyrin|Présentation zéphyrine|<mark>/.test(res.text), `${path} leaked B`);
    }
  });
});
