import assert from 'node:assert/strict';
import { DevPlatform, ROLES, SCOPES, sampleCourse, type DevUser, type Flavour } from '../../src/devplatform';
import { getToken, platformWithTool, type FakeTool, serviceFetch } from './fake-tool';

const NRPS_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

function learners(n: number): DevUser[] {
  return Array.from({ length: n }, (_, i) => ({ id: `l${i}`, name: `Learner ${i}`, roles: [ROLES.learner] }));
}

/** Parses a Link header into rel → URL. */
function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/<([^>]+)>\s*;\s*rel="([^"]+)"/g)) out[m[2]] = m[1];
  return out;
}

for (const flavour of ['moodle', 'canvas'] as Flavour[]) {
  describe(`devplatform: NRPS (${flavour})`, () => {
    let p: DevPlatform;
    let tool: FakeTool;
    let close: () => Promise<void>;
    let token: string;
    const get = (url: string, headers: Record<string, string> = {}) =>
      serviceFetch(url, { headers: { authorization: `Bearer ${token}`, accept: NRPS_TYPE, ...headers } });

    before(async () => {
      ({ p, tool, close } = await platformWithTool({ flavour, courses: [sampleCourse(), { id: 'big', title: 'Big', label: 'BIG', members: learners(25) }] }));
      token = await getToken(p, tool, SCOPES.nrps);
    });
    after(() => close());

    it('pages with rel="next" across 3 pages, then gives a differences link on the last', async () => {
      let url: string | undefined = `${p.membershipsUrl('big')}?limit=10`;
      const pages: string[][] = [];
      let last: Record<string, string> = {};
      while (url) {
        const res = await get(url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /membershipcontainer\+json/);
        const body = (await res.json()) as { members: Array<{ user_id: string }>; context: { id: string } };
        assert.equal(body.context.id, 'big');
        pages.push(body.members.map((m) => m.user_id));
        last = links(res.headers.get('link'));
        if (last.next) assert.equal(last.differences, undefined);
        url = last.next;
      }
      assert.deepEqual(pages.map((pg) => pg.length), [10, 10, 5]);
      assert.equal(new Set(pages.flat()).size, 25);
      assert.match(last.differences, /\/memberships\?since=\d+$/);
    });

    it(flavour === 'moodle' ? 'writes roles SHORT (as Moodle does)' : 'writes roles as full URIs', async () => {
      const body = (await (await get(p.membershipsUrl('course-1'))).json()) as { members: Array<{ user_id: string; roles: string[]; status: string; email?: string }> };
      const byId = Object.fromEntries(body.members.map((m) => [m.user_id, m]));
      assert.equal(body.members.length, 6);
      if (flavour === 'moodle') {
        assert.deepEqual(byId.instructor.roles, ['Instructor']);
        assert.deepEqual(byId.ta.roles, ['TeachingAssistant']);
        assert.deepEqual(byId.learner1.roles, ['Learner']);
        assert.deepEqual(byId.mentor.roles, ['Mentor']);
      } else {
        assert.deepEqual(byId.ta.roles, [ROLES.teachingAssistant]);
        assert.deepEqual(byId.learner1.roles, [ROLES.learner]);
      }
      assert.equal(byId.learner1.status, 'Active');
      assert.equal(byId.learner1.email, 'alex.smith@example.org');
    });

    it('the differences link returns only changed members, removed ones as Deleted', async () => {
      const res = await get(p.membershipsUrl('course-1'));
      const differences = links(res.headers.get('link')).differences;
      await new Promise((r) => setTimeout(r, 5));
      const roster = sampleCourse().members.filter((m) => m.id !== 'learner3');
      roster.find((m) => m.id === 'learner2')!.status = 'Inactive';
      roster.push({ id: 'newcomer', name: 'Zoé Bouchard', roles: [ROLES.learner] });
      p.setRoster('course-1', roster);
      const body = (await (await get(differences)).json()) as { members: Array<{ user_id: string; status: string }> };
      const seen = Object.fromEntries(body.members.map((m) => [m.user_id, m.status]));
      assert.deepEqual(seen, { learner2: 'Inactive', newcomer: 'Active', learner3: 'Deleted' });
    });

    it('refuses a missing token, and a token without the NRPS scope, with 401', async () => {
      assert.equal((await serviceFetch(p.membershipsUrl('course-1'), { headers: { accept: NRPS_TYPE } })).status, 401);
      const agsOnly = await getToken(p, tool, SCOPES.score);
      const res = await serviceFetch(p.membershipsUrl('course-1'), { headers: { authorization: `Bearer ${agsOnly}`, accept: NRPS_TYPE } });
      assert.equal(res.status, 401);
    });

    it(flavour === 'canvas' ? 'also serves the older LIS media type' : 'serves only the NRPS media type', async () => {
      const res = await get(p.membershipsUrl('course-1'), { accept: 'application/vnd.ims.lis.v2.membershipcontainer+json' });
      assert.equal(res.status, flavour === 'canvas' ? 200 : 400);
    });

    // Moodle's mod/lti/services.php compares the whole Accept header with the media type as a string.
    it(flavour === 'moodle' ? 'refuses an Accept list with q-values with 400 "No handler found" (exact match, as Moodle)' : 'negotiates an Accept list with q-values', async () => {
      const list = `${NRPS_TYPE}, application/vnd.ims.lis.v2.membershipcontainer+json;q=0.9, application/json;q=0.5`;
      const res = await get(p.membershipsUrl('course-1'), { accept: list });
      if (flavour === 'canvas') return assert.equal(res.status, 200);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { reason: string };
      assert.equal(body.reason, `No handler found for /nrps/course-1/memberships ${list}`);
      const star = await get(p.membershipsUrl('course-1'), { accept: 'application/json, */*' });
      assert.equal(star.status, 200, 'a header containing */* is let through, as services.php does');
    });

    it(flavour === 'canvas' ? 'refuses a service request without a User-Agent with 403 (Canvas, from January 2026)' : 'does not ask for a User-Agent', async () => {
      const token = await getToken(p, tool, SCOPES.nrps);
      const res = await fetch(p.membershipsUrl('course-1'), { headers: { authorization: `Bearer ${token}`, accept: NRPS_TYPE, 'user-agent': '' } });
      assert.equal(res.status, flavour === 'canvas' ? 403 : 200);
      if (flavour === 'canvas') assert.match(((await res.json()) as { message: string }).message, /valid user agent/);
    });

    it('honours a fault on page 2: 429 with Retry-After, once, then the page is served', async () => {
      p.faults.nrps.push({ page: 2, status: 429, retryAfter: 7 });
      const page1 = await get(`${p.membershipsUrl('big')}?limit=10`);
      assert.equal(page1.status, 200);
      const next = links(page1.headers.get('link')).next;
      const faulted = await get(next);
      assert.equal(faulted.status, 429);
      assert.equal(faulted.headers.get('retry-after'), '7');
      const retried = await get(next);
      assert.equal(retried.status, 200);
      assert.equal(((await retried.json()) as { members: unknown[] }).members.length, 10);
      assert.ok(p.requests.filter((r) => r.path === '/nrps/big/memberships').length >= 3);
    });
  });
}
