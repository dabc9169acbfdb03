import assert from 'node:assert/strict';
import { harness, type Harness } from '../helpers/harness';
import { sharingCommunity, idFrom, userIdIn, type Member } from '../helpers/sharing';
import { CHARTER_FORM, localIn } from '../governance/helpers';
import { postRaw, multipart, postRoutes, routesOf, rowCounts, leaksInternals, type RawBody } from '../helpers/hostile';
import { Membership } from '../../src/kernel/community';
import { Thread } from '../../src/discussions/model';

// Tables a refused request may still change, by design, left out by name: the session's last-seen
// time moves on every request that carries a session, and ltijs's nonce/state records belong to
// launches, not forms. A rate-limit table, where refused requests count too, belongs here.
const CHANGE_PER_REQUEST = new Set(['sessions', 'lti_records', 'rate_limits']); // rate_limits: every request is counted, refused or not

/** What a GET answered as text: a file download (the My data ZIP) is bytes whose compression may spell anything; its status is still checked. */
const pageText = (page: { text: string; headers: Headers }): string => (/^(text\/|application\/(json|xml|atom))/.test(page.headers.get('content-type') ?? '') ? page.text : '');

const form = (body: string | Buffer): RawBody => ({ contentType: 'application/x-www-form-urlencoded', body });

/** Bodies refused before any route runs: status expected, for every POST route alike. */
const EDGE: Array<{ name: string; status: number; raw: RawBody }> = [
  { name: 'JSON with an object that has its own toString', status: 415, raw: { contentType: 'application/json', body: '{"member":{"toString":1},"title":{"toString":1},"body":["a"],"on":{"valueOf":1}}' } },
  { name: 'JSON array', status: 415, raw: { contentType: 'application/json', body: '[1,2,3]' } },
  { name: 'text/plain', status: 415, raw: { contentType: 'text/plain', body: 'title=x&body=y' } },
  { name: 'XML', status: 415, raw: { contentType: 'application/xml', body: '<a>x</a>' } },
  { name: 'no content type', status: 415, raw: { contentType: null, body: 'title=x&body=y' } },
  { name: 'NUL in values', status: 400, raw: form('title=a%00b&body=a%00b&label_fr=a%00b&label_en=x&reason=a%00b') },
  { name: 'raw control byte', status: 400, raw: form(Buffer.from([0x62, 0x6f, 0x64, 0x79, 0x3d, 0x61, 0x01, 0x62])) },
  { name: 'control character in a field name', status: 400, raw: form('ti%01tle=x') },
  { name: 'C1 control (NEL)', status: 400, raw: form('body=a%C2%85b') },
  { name: 'DEL', status: 400, raw: form('body=a%7Fb') },
  { name: 'invalid UTF-8, percent-encoded', status: 400, raw: form('title=%FF%FE&body=x') },
  { name: 'invalid UTF-8, raw bytes', status: 400, raw: form(Buffer.from([0x62, 0x6f, 0x64, 0x79, 0x3d, 0xc3, 0x28])) },
  { name: 'overlong UTF-8 (slash)', status: 400, raw: form('body=%C0%AF') },
  { name: 'UTF-8-encoded surrogate', status: 400, raw: form('body=%ED%A0%80') },
  { name: '__proto__ field', status: 400, raw: form('__proto__=x&body=y') },
  { name: '__proto__ path', status: 400, raw: form('__proto__[polluted]=1&body=y') },
  { name: 'constructor.prototype path', status: 400, raw: form('constructor[prototype][polluted]=1') },
  { name: 'a field named like an Object method', status: 400, raw: form('hasOwnProperty=1&toString=x&body=y') },
  { name: 'body over 1 MB', status: 413, raw: form(`body=${'x'.repeat(1_100_000)}`) },
  { name: 'too many fields', status: 413, raw: form(Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&')) },
];

/** Field names the app's forms use: hostile bodies fill all of them so each route meets its own. */
const FIELDS = [
  'title', 'body', 'kind', 'tags', 'scaffold', 'parent', 'on', 'reason', 'target', 'targets', 'key', 'label_fr', 'label_en', 'state',
  'url', 'description', 'visibility', 'version', 'choice', 'rule', 'deadline', 'options', 'pollMode', 'quorum', 'charterBody', 'response',
  'timeZone', 'startsAt', 'durationMinutes', 'recurrence', 'occurrences', 'mode', 'place', 'videoUrl', 'minutes', 'topics', 'points', 'note',
  'member', 'hours', 'decision', 'category', 'date', 'activity', 'expertise', 'experience', 'learning', 'years', 'context', 'tried', 'needed',
  'audience', 'to', 'resolution', 'status', 'mentor', 'message', 'goal', 'done', 'share', 'communityId', 'code', 'purpose', 'cohort', 'next',
  'minLength', 'period', 'target', 'cap', 'weeks', 'pdTargetHours', 'startDate', 'present', 'email', 'p.reply', 'p.mention', 'frequency', 'm', 'id',
];

/** A list in every field: plain text at the edge, but no route's schema takes a list where it expects one value. */
const LISTS = FIELDS.map((f) => `${f}=1&${f}=2`).join('&');

/**
 * Plain text that looks like numbers, objects or too much: refused by numeric fields, but a reply
 * may legitimately say "1e309" or "[object Object]", so these only must never cause a 5xx.
 */
const ODD_TEXT: Array<{ name: string; body: string }> = [
  { name: 'numbers out of range', body: FIELDS.map((f) => `${f}=1e309`).join('&') },
  { name: 'huge integers', body: FIELDS.map((f) => `${f}=${'9'.repeat(400)}`).join('&') },
  { name: 'negative and NaN', body: FIELDS.map((f, i) => `${f}=${i % 2 ? '-1' : 'NaN'}`).join('&') },
  { name: 'long text in every field', body: FIELDS.map((f) => `${f}=${'é'.repeat(5_000)}`).join('&') },
  { name: 'objects spelled as strings', body: FIELDS.map((f) => `${f}=%5Bobject%20Object%5D&${f}%5BtoString%5D=1`).join('&') },
];

/**
 * Routes that accept a body made only of unknown or list-valued fields, and may write: they take no
 * input beyond the session (mark all read, finish onboarding, sync roster, push grades, delete, accept),
 * a toggle whose checkbox legitimately arrives twice (hidden "0" then checkbox "1"), or parallel
 * lists by design (the scaffold editor). Their
 * refusals are covered by EDGE; here they must not fail with a 5xx.
 */
const NO_INPUT_ROUTES = [
  /\/notifications\/read-all$/, /\/welcome\/done$/, /\/members\/sync$/, /\/participation\/sync\/push$/, /\/participation\/sync\/retry\//,
  /\/delete$/, /\/accept$/, /\/decline$/, /\/close$/, /\/cancel$/, /\/checkin$/, /\/follow$/, /\/reactions$/, /\/endorse$/, /\/helpful$/,
  /\/pin$/, /\/lock$/, /\/setup\/continue$/, /\/scaffolds$/, /\/my-data\/exports$/,
];

describe('hostile request bodies on every POST route: 4xx, never a 5xx, nothing written', function () {
  this.timeout(600_000);
  let h: Harness;
  let fac: Member;
  let routes: string[];
  const ids: Record<string, number> = {};

  before(async () => {
    h = await harness();
    const c = await sharingCommunity(h);
    fac = await c.as('instructor');
    const alex = await c.as('learner1');
    ids.communityId = c.communityId;
    const thread = await fac.post(`${c.base}/threads`, { kind: 'discussion', title: 'Fil de test', body: 'Ouverture' });
    ids.threadId = idFrom(thread.url, 'threads');
    await alex.post(`${c.base}/threads/${ids.threadId}/posts`, { body: 'Réponse' });
    ids.postId = (await Thread.findByPk(ids.threadId))!.firstPostId!;
    const resource = await fac.post(`${c.base}/resources`, { kind: 'link', title: 'Une ressource', url: 'https://example.org/r', description: 'd' });
    ids.resourceId = idFrom(resource.url, 'resources');
    const entry = await fac.post(`${c.base}/journal`, { title: 'Mon journal', body: 'Texte', visibility: 'community' });
    ids.entryId = idFrom(entry.url, 'journal');
    const problem = await alex.post(`${c.base}/problems`, { title: 'Un problème', context: 'a', tried: 'b', needed: 'c' });
    ids.problemThreadId = idFrom(problem.url, 'problems');
    await fac.post(`${c.base}/charter`, CHARTER_FORM);
    const proposal = await fac.post(`${c.base}/proposals`, { kind: 'decision', rule: 'majority', title: 'Une décision', deadline: localIn(600) });
    ids.proposalId = idFrom(proposal.url, 'proposals');
    const meeting = await fac.post(`${c.base}/meetings`, { title: 'Rencontre', mode: 'remote', videoUrl: 'https://meet.example.org/x', startsAt: localIn(60), durationMinutes: '60', recurrence: 'none' });
    ids.meetingId = idFrom(meeting.url, 'meetings');
    const alexId = await userIdIn(c.communityId, 'learner1');
    ids.membershipId = (await Membership.findOne({ where: { communityId: c.communityId, userId: alexId } }))!.id;
    routes = postRoutes(h.app);
    assert.ok(routes.length >= 60, `found ${routes.length} POST routes`);
  });

  /** A route's path with real ids of this community (the problem routes take the problem's thread). */
  function pathOf(route: string): string {
    return route.replace(/:(\w+)/g, (_, name: string) => {
      if (name === 'threadId' && route.includes('/problems/')) return String(ids.problemThreadId);
      return String(ids[name] ?? 1);
    });
  }

  async function expectRefused(route: string, path: string, what: string, answer: { status: number; text: string }, expected?: number) {
    assert.ok(!leaksInternals(answer.text), `${what} → ${route}: internals in the page: ${answer.text.slice(0, 300)}`);
    if (expected) assert.equal(answer.status, expected, `${what} → POST ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
    else assert.ok(answer.status >= 400 && answer.status < 500, `${what} → POST ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
  }

  it('refuses non-form types (415), control characters and invalid UTF-8 (400), oversize (413), with nothing written', async () => {
    const before = await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST);
    for (const route of routes) {
      const path = pathOf(route);
      for (const c of EDGE) await expectRefused(route, path, c.name, await postRaw(h.toolUrl, fac, path, c.raw), c.status);
    }
    assert.deepEqual(await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  });

  it('answers a list where one value is expected with a 4xx and writes nothing (routes that take no input: no 5xx)', async () => {
    // Routes without input last: some start background work (a roster sync) that writes after the answer.
    const takes = (r: string) => NO_INPUT_ROUTES.some((x) => x.test(r));
    for (const route of [...routes.filter((r) => !takes(r)), ...routes.filter(takes)]) {
      const path = pathOf(route);
      const takesNoInput = NO_INPUT_ROUTES.some((r) => r.test(route));
      const before = await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST);
      const answer = await postRaw(h.toolUrl, fac, path, form(LISTS));
      if (takesNoInput) {
        assert.ok(answer.status < 500 && !leaksInternals(answer.text), `lists → POST ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
        continue;
      }
      await expectRefused(route, path, 'lists', answer);
      assert.deepEqual(await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST), before, `lists → POST ${path} wrote rows`);
    }
  });

  it('never answers numbers out of range, NaN, long text or object-like text with a 5xx or internals', async () => {
    for (const route of routes) {
      const path = pathOf(route);
      for (const c of ODD_TEXT) {
        const answer = await postRaw(h.toolUrl, fac, path, form(c.body));
        assert.ok(answer.status < 500 && !leaksInternals(answer.text), `${c.name} → POST ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
    }
  });

  it('turns malformed uploads into a 400 with a message, nothing stored', async () => {
    const path = `/c/${ids.communityId}/resources`;
    const before = await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST);
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const cases: Array<[string, RawBody]> = [
      ['NUL in the file name', multipart(fac, [{ name: 'kind', value: 'file' }, { name: 'title', value: 'Fichier' }, { name: 'file', filename: 'nul\0.pdf', type: 'application/pdf', data: pdf }])],
      ['NUL in a text field', multipart(fac, [{ name: 'kind', value: 'file' }, { name: 'title', value: 'a\0b' }, { name: 'file', filename: 'ok.pdf', type: 'application/pdf', data: pdf }])],
      ['an object through bracket syntax', multipart(fac, [{ name: 'kind', value: 'link' }, { name: 'title[toString]', value: '1' }, { name: 'url', value: 'https://example.org' }])],
      ['__proto__ path', multipart(fac, [{ name: '__proto__[polluted]', value: '1' }, { name: 'kind', value: 'link' }])],
      ['invalid UTF-8 in a text field', multipart(fac, [{ name: 'kind', value: 'link' }, { name: 'title', data: Buffer.from([0x61, 0xff, 0xfe, 0x62]) }, { name: 'url', value: 'https://example.org' }])],
      ['invalid UTF-8 in the file name', multipart(fac, [{ name: 'kind', value: 'file' }, { name: 'title', value: 'Fichier' }, { name: 'file', filename: 'caf\xe9.pdf', type: 'application/pdf', data: pdf }])],
    ];
    for (const [name, raw] of cases) {
      const answer = await postRaw(h.toolUrl, fac, path, raw);
      assert.equal(answer.status, 400, `${name}: ${answer.status} ${answer.text.slice(0, 300)}`);
      assert.ok(!leaksInternals(answer.text), name);
    }
    const cut = multipart(fac, [{ name: 'kind', value: 'file' }, { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: pdf }]);
    const truncated = await postRaw(h.toolUrl, fac, path, { contentType: cut.contentType, body: (cut.body as Buffer).subarray(0, (cut.body as Buffer).length - 30) });
    assert.ok(truncated.status >= 400 && truncated.status < 500, `a body cut short: ${truncated.status}`);
    assert.deepEqual(await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  });

  it('refuses control characters and invalid UTF-8 in a query string with a translated 400', async () => {
    const nul = await fac.get(`/c/${ids.communityId}/search`, { q: 'a\0b' });
    assert.equal(nul.status, 400);
    assert.match(nul.text, /caractères de contrôle|control characters/);
    const bad = await fetch(new URL(`/c/${ids.communityId}/search?q=%FF`, h.toolUrl));
    assert.equal(bad.status, 400);
    assert.ok(!leaksInternals(await bad.text()));
  });

  it('never answers hostile query strings on GET pages with a 5xx (search syntax, lists, huge numbers, long text)', async () => {
    const queries: Array<Record<string, string>> = [
      { q: '"unbalanced', tag: '*', page: '1e309', sort: 'x' },
      { q: 'NEAR(a b', cohort: '-1', from: '99999999999999999999', to: 'NaN' },
      { q: 'a OR AND NOT -b:c^d', tag: '%_\\', kind: '[object Object]' },
      { q: 'é'.repeat(3000), tag: 'x'.repeat(3000), page: '0' },
    ];
    const gets = routesOf(h.app, 'get').filter((r) => r.startsWith('/c/:communityId') && !/\/download$|\.ics$|\.csv$|\.pdf$/.test(r));
    for (const route of gets) {
      const path = pathOf(route);
      for (const query of queries) {
        const page = await fac.get(path, query);
        assert.ok(page.status < 500 && !leaksInternals(pageText(page)), `GET ${path} ${JSON.stringify(query).slice(0, 80)}: ${page.status} ${pageText(page).slice(0, 300)}`);
      }
      const lists = await fac.get(`${path}?page=1&page=2&q=a&q=b&tag=a&tag=b&cohort=1&cohort=2&from=1&from=2`);
      assert.ok(lists.status < 500 && !leaksInternals(pageText(lists)), `GET ${path} with repeated parameters: ${lists.status} ${pageText(lists).slice(0, 300)}`);
    }
  });

  it('never answers hostile path parameters with a 5xx (NUL, invalid UTF-8, huge, negative, not a number)', async () => {
    const hostile = ['%00', '%FF', '0', '-1', '1.5', '1e309', '99999999999999999999', 'abc', '%E2%80%AE', 'x'.repeat(3000)];
    const all = [...routesOf(h.app, 'get').map((r) => ['get', r] as const), ...postRoutes(h.app).map((r) => ['post', r] as const)].filter(([, r]) => r.includes(':'));
    for (const [method, route] of all) {
      for (const value of hostile) {
        const path = route.replace(/:(\w+)/g, (_, name: string) => (name === 'communityId' ? String(ids.communityId) : value));
        const answer = method === 'get' ? await fac.get(path) : await fac.post(path, { body: 'x' });
        assert.ok(answer.status < 500 && !leaksInternals(answer.text), `${method.toUpperCase()} ${path.slice(0, 120)}: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      const foreign = route.replace(/:(\w+)/g, (_, name: string) => (name === 'communityId' ? '%00' : '1'));
      const answer = method === 'get' ? await fac.get(foreign) : await fac.post(foreign, { body: 'x' });
      assert.ok(answer.status < 500 && !leaksInternals(answer.text), `${method.toUpperCase()} ${foreign}: ${answer.status}`);
    }
  });

  it('refuses the same bodies at the LTI login and launch endpoints, writing nothing', async () => {
    const before = await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST);
    for (const path of ['/lti/login', '/lti/launch', '/lti/register']) {
      for (const c of EDGE) {
        const raw = c.raw.body;
        const res = await fetch(new URL(path, h.toolUrl), { method: 'POST', body: new Uint8Array(Buffer.from(raw)), headers: c.raw.contentType ? { 'content-type': c.raw.contentType } : {}, redirect: 'manual' });
        const text = await res.text();
        assert.ok(res.status >= 400 && res.status < 500 && !leaksInternals(text), `${c.name} → POST ${path}: ${res.status} ${text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(await rowCounts(h.runtime.sequelize, CHANGE_PER_REQUEST), before);
  });
});
