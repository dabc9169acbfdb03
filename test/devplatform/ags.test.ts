import assert from 'node:assert/strict';
import { DevPlatform, SCOPES, type DevLineItem, type Flavour } from '../../src/devplatform';
import { getToken, platformWithTool, type FakeTool, serviceFetch } from './fake-tool';

const SCORE_TYPE = 'application/vnd.ims.lis.v1.score+json';

/** A platform, a fake tool and a token with every AGS scope; `close` stops the platform and the tool. */
async function setUp(flavour: Flavour): Promise<{ p: DevPlatform; tool: FakeTool; token: string; close: () => Promise<void> }> {
  const { p, tool, close } = await platformWithTool({ flavour });
  const token = await getToken(p, tool, [SCOPES.lineItem, SCOPES.score, SCOPES.resultReadonly].join(' '));
  return { p, tool, token, close };
}

/** A fresh column and a clean log, for each case of a scores suite. */
function freshColumn(p: DevPlatform): DevLineItem {
  const li = p.createLineItem('course-1', { label: 'Participation', scoreMaximum: 10 });
  p.scoresReceived.length = 0;
  p.faults.scores.length = 0;
  return li;
}

/** The score URL: /scores on the path, before the query (AGS §3.4, Moodle's type_id). */
function scoresUrl(li: DevLineItem): string {
  const [path, query] = li.id.split('?');
  return `${path}/scores${query ? `?${query}` : ''}`;
}

function score(userId: string, timestamp: string, extra: Record<string, unknown> = {}) {
  return { userId, scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp, ...extra };
}

async function post(url: string, token: string, body: unknown, type = SCORE_TYPE): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await serviceFetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('devplatform: AGS line items', () => {
  for (const flavour of ['moodle', 'canvas'] as Flavour[]) {
    it(`${flavour}: creates, filters, reads, updates and deletes a line item`, async () => {
      const { p, token, close } = await setUp(flavour);
      try {
        const container = p.lineItemsUrl('course-1');
        const created = await post(container, token, { label: 'Participation', scoreMaximum: 100, resourceLinkId: 'rl-course-1', tag: 'participation' }, 'application/vnd.ims.lis.v2.lineitem+json');
        assert.equal(created.status, 201);
        const li = JSON.parse(created.text);
        assert.match(li.id, flavour === 'moodle' ? /\/ags\/course-1\/lineitems\/\d+\/lineitem\?type_id=1$/ : /\/ags\/course-1\/lineitems\/\d+$/);
        assert.equal(p.lineItems.get(li.id)?.label, 'Participation');
        await post(container, token, { label: 'Autre', scoreMaximum: 5, tag: 'other' }, 'application/vnd.ims.lis.v2.lineitem+json');
        const sep = container.includes('?') ? '&' : '?';
        const filtered = await (await serviceFetch(`${container}${sep}tag=participation`, { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json' } })).json();
        assert.deepEqual((filtered as Array<{ id: string }>).map((x) => x.id), [li.id]);
        const anyType = await serviceFetch(container, { headers: { authorization: `Bearer ${token}`, accept: '*/*' } });
        // Moodle's lineitems.php: */* gets past the dispatcher, then a GET must ask for the container.
        assert.equal(anyType.status, flavour === 'moodle' ? 400 : 200);
        const put = await serviceFetch(li.id, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v2.lineitem+json' }, body: JSON.stringify({ ...li, scoreMaximum: 50 }) });
        assert.equal(put.status, 200);
        assert.equal(p.lineItems.get(li.id)?.scoreMaximum, 50);
        const bad = await post(container, token, { label: '', scoreMaximum: 0 }, 'application/vnd.ims.lis.v2.lineitem+json');
        assert.equal(bad.status, 400);
        assert.equal((await serviceFetch(li.id, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status, 204);
        assert.equal(p.lineItems.has(li.id), false);
      } finally {
        await close();
      }
    });
  }
});

describe('devplatform: AGS scores (moodle)', () => {
  let p: DevPlatform;
  let tool: FakeTool;
  let token: string;
  let li: DevLineItem;
  let close: () => Promise<void>;
  before(async () => ({ p, tool, token, close } = await setUp('moodle')));
  beforeEach(() => (li = freshColumn(p)));
  after(() => close());

  it('refuses a replay of the same second with 409, accepts the next second', async () => {
    assert.equal((await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00.100Z'))).status, 200);
    const replay = await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00.900Z', { scoreGiven: 9 }));
    assert.equal(replay.status, 409);
    assert.deepEqual(JSON.parse(replay.text), { status: 409, reason: 'Refusing score with an earlier timestamp' });
    assert.equal(li.scores.get('learner1').scoreGiven, 8, 'the refused score was not stored');
    assert.equal((await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:01.000Z', { scoreGiven: 9 }))).status, 200);
    assert.equal(li.scores.get('learner1').scoreGiven, 9);
    assert.deepEqual(p.scoresReceived.map((s) => s.status), [200, 409, 200]);
    assert.ok(p.scoresReceived.every((s) => s.lineItemId === li.id));
  });

  it('a score without comment erases the stored comment', async () => {
    await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00Z', { comment: 'Bravo' }));
    await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:05Z'));
    assert.equal(li.scores.get('learner1').comment, undefined);
  });

  it('refuses /scores appended after the query string with 400', async () => {
    const res = await post(`${li.id}/scores`, token, score('learner1', '2025-03-01T10:00:00Z'));
    assert.equal(res.status, 400);
    assert.equal(li.scores.size, 0);
  });

  it('refuses a score for a teacher with 400 (not gradable)', async () => {
    const res = await post(scoresUrl(li), token, score('instructor', '2025-03-01T10:00:00Z'));
    assert.equal(res.status, 400);
    assert.equal(li.scores.size, 0);
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['no timestamp', { timestamp: undefined }],
    ['a timestamp that is not ISO 8601', { timestamp: '01/03/2025 10:00' }],
    ['scoreGiven above scoreMaximum', { scoreGiven: 11 }],
    ['an unknown activityProgress', { activityProgress: 'Done' }],
    ['an unknown gradingProgress', { gradingProgress: 'Graded' }],
    ['a user outside the course', { userId: 'ghost' }],
  ];
  for (const [what, change] of invalid) {
    it(`refuses a score with ${what} (400) and stores nothing`, async () => {
      const res = await post(scoresUrl(li), token, { ...score('learner1', '2025-03-01T10:00:00Z'), ...change });
      assert.equal(res.status, 400);
      assert.equal(li.scores.size, 0);
      assert.equal(p.scoresReceived.at(-1)?.status, 400);
    });
  }

  it('refuses a wrong content type and a token without the score scope', async () => {
    // Moodle's services.php dispatches on the exact Content-Type, before the score resource runs.
    const wrong = await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00Z'), 'application/json');
    assert.equal(wrong.status, 400);
    assert.match((JSON.parse(wrong.text) as { reason: string }).reason, /^No handler found for \/ags\/.*\/scores application\/json$/);
    const withCharset = await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00Z'), 'application/vnd.ims.lis.v1.score+json; charset=utf-8');
    assert.equal(withCharset.status, 400, 'the whole header is compared, parameters included');
    const readOnly = await getToken(p, tool, SCOPES.lineItem);
    assert.equal((await post(scoresUrl(li), readOnly, score('learner1', '2025-03-01T10:00:00Z'))).status, 401);
    assert.deepEqual(p.scoresReceived.map((s) => s.status), [401]);
  });

  it('honours faults.scores: 503 twice, then 429 with Retry-After, then accepts', async () => {
    p.faults.scores.push({ status: 503, times: 2 }, { status: 429, retryAfter: 30 });
    const body = score('learner2', '2025-03-01T10:00:00Z');
    assert.equal((await post(scoresUrl(li), token, body)).status, 503);
    assert.equal((await post(scoresUrl(li), token, body)).status, 503);
    const limited = await post(scoresUrl(li), token, body);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    assert.equal((await post(scoresUrl(li), token, body)).status, 200);
    assert.deepEqual(p.scoresReceived.map((s) => s.status), [503, 503, 429, 200]);
  });

  it('serves results on the path before the query', async () => {
    await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00Z', { comment: 'Bien' }));
    const [path, query] = li.id.split('?');
    const res = await serviceFetch(`${path}/results?${query}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const results = (await res.json()) as Array<Record<string, unknown>>;
    assert.equal(results.length, 1);
    assert.equal(results[0].userId, 'learner1');
    assert.equal(results[0].resultScore, 8);
    assert.equal(results[0].resultMaximum, 10);
    assert.equal(results[0].comment, 'Bien');
    assert.equal(results[0].scoreOf, li.id);
  });
});

describe('devplatform: AGS scores (canvas)', () => {
  let p: DevPlatform;
  let token: string;
  let li: DevLineItem;
  let close: () => Promise<void>;
  before(async () => ({ p, token, close } = await setUp('canvas')));
  beforeEach(() => (li = freshColumn(p)));
  after(() => close());

  it('accepts a replay of the same timestamp and refuses an older one with 400', async () => {
    const t = '2025-03-01T10:00:00.500Z';
    assert.equal((await post(scoresUrl(li), token, score('learner1', t))).status, 200);
    assert.equal((await post(scoresUrl(li), token, score('learner1', t))).status, 200);
    const older = await post(scoresUrl(li), token, score('learner1', '2025-03-01T10:00:00.400Z', { scoreGiven: 1 }));
    assert.equal(older.status, 400);
    assert.match(older.text, /before last updated timestamp/);
    assert.equal(li.scores.get('learner1').scoreGiven, 8);
    assert.deepEqual(p.scoresReceived.map((s) => s.status), [200, 200, 400]);
  });

  it('refuses an unknown user or a teacher with 422 unprocessable_entity', async () => {
    for (const userId of ['ghost', 'instructor']) {
      const res = await post(scoresUrl(li), token, score(userId, '2025-03-01T10:00:00Z'));
      assert.equal(res.status, 422);
      assert.deepEqual(JSON.parse(res.text), { errors: { type: 'unprocessable_entity', message: 'User not found in course or is not a student' } });
    }
    assert.equal(li.scores.size, 0);
  });
});
