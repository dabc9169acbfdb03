import assert from 'node:assert/strict';
import { harness, newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { Membership } from '../../src/kernel/community';

/** A class opening the tool at the same moment: every launch goes through, each member once. */
describe('concurrent launches', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  it('lets a whole course launch at once (first launches, new users) without refusing anyone', async () => {
    for (const platform of [h.moodle, h.canvas]) {
      const course = newCourse(platform);
      const { communityId } = await setUpCommunity(h, platform, course);
      const users = ['ta', 'learner1', 'learner2', 'learner3', 'mentor'];
      const results = await Promise.all([...users, ...users].map((userId) => h.launch({ platform, userId, courseId: course })));
      assert.deepEqual(
        results.map((r) => r.status),
        results.map(() => 200),
        results.filter((r) => r.status !== 200).map((r) => /data-reason="([A-Z_]+)"/.exec(r.text)?.[1] ?? r.text.slice(0, 200)).join(', '),
      );
      assert.equal(await Membership.count({ where: { communityId } }), 1 + users.length, 'one membership each, however many times they launched');
    }
  });
});
