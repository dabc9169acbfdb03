import assert from 'node:assert/strict';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';

describe('platform JWKS cache', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('fetches the platform key set at most once across many launches (ltijs would fetch it on every launch)', async () => {
    const course = newCourse(h.moodle);
    await setUpCommunity(h, h.moodle, course);
    const before = h.moodle.jwksFetches;
    for (const user of ['learner1', 'learner2', 'learner3', 'mentor', 'ta']) {
      const res = await h.launch({ userId: user, courseId: course });
      assert.equal(res.status, 200);
    }
    assert.equal(h.moodle.jwksFetches, before, 'no fetch while the cache is fresh');
  });

  it('re-fetches once when a token names an unknown kid, then not again within the cooldown', async () => {
    const course = newCourse(h.canvas);
    await setUpCommunity(h, h.canvas, course);
    const forge = (kid: string) => ({
      userId: 'learner1',
      courseId: course,
      platform: h.canvas,
      tamper: async ({ authParams, platform }: { authParams: URLSearchParams; platform: typeof h.canvas }) => ({
        id_token: await platform.buildIdToken({ courseId: course, userId: 'learner1', nonce: authParams.get('nonce')!, header: { kid } }),
      }),
    });
    await new Promise((r) => setTimeout(r, 1100)); // past the cooldown (1 s in tests) since the first fetch
    const before = h.canvas.jwksFetches;
    assert.equal((await h.launch(forge('rotated-1'))).status, 401);
    assert.equal(h.canvas.jwksFetches, before + 1, 'one re-fetch on an unknown kid');
    assert.equal((await h.launch(forge('rotated-2'))).status, 401);
    assert.equal(h.canvas.jwksFetches, before + 1, 'no second re-fetch within the cooldown');
  });
});
