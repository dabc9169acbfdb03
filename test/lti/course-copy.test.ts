import assert from 'node:assert/strict';
import { harness, newCourse, field, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { Cohort } from '../../src/kernel/community';
import type { DevPlatform } from '../../src/devplatform';
import { historyIds } from '../../src/lti/custom-params';

/**
 * A course copied for a new term: the LMS sends a new context whose `$Context.id.history` names the
 * course it was copied from (Moodle's get_course_history, Canvas). The instructor's first launch
 * offers to continue that course's community as a new cohort.
 */
describe('a copied course continues the community of the course it was copied from', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });

  for (const flavour of ['moodle', 'canvas'] as const) {
    it(`${flavour}: offers the previous community on the setup page, and continuing adds a cohort`, async () => {
      const platform: DevPlatform = flavour === 'canvas' ? h.canvas : h.moodle;
      const original = newCourse(platform, 'Automne');
      const { communityId } = await setUpCommunity(h, platform, original, { title: `Réseau ${flavour} automne`, purpose: 'Partager nos pratiques d’une session à l’autre.' });
      const copy = newCourse(platform, 'Hiver');
      platform.courses.get(copy)!.copiedFrom = original;

      const setup = await h.launch({ platform, userId: 'instructor', courseId: copy });
      assert.equal(setup.status, 200, setup.text.slice(0, 300));
      assert.match(setup.text, /data-course-copy/);
      assert.match(setup.text, new RegExp(`Poursuivre « Réseau ${flavour} automne » avec ce cours`));

      const home = await setup.agent.fetch(new URL('/setup/continue', h.toolUrl).href, {
        method: 'POST',
        form: { _csrf: field(setup.text, '_csrf'), communityId: String(communityId) },
      });
      assert.equal(home.status, 200, home.text.slice(0, 300));
      assert.match(home.url, new RegExp(`/c/${communityId}\\b`));
      const cohorts = await Cohort.findAll({ where: { communityId }, order: [['id', 'ASC']] });
      assert.deepEqual(cohorts.map((c) => c.contextId.endsWith(copy) || c.contextId === copy), [false, true], 'the copy is a second cohort');

      // A learner of the copy now lands in the same community.
      const learner = await h.launch({ platform, userId: 'learner1', courseId: copy });
      assert.match(learner.url, new RegExp(`/c/${communityId}\\b`));
    });
  }

  it('offers nothing for a course with no copy history, and refuses to continue a community the history does not name', async () => {
    const other = newCourse(h.moodle, 'Autre');
    const { communityId } = await setUpCommunity(h, h.moodle, other);
    const fresh = newCourse(h.moodle, 'Neuf');
    const setup = await h.launch({ userId: 'instructor', courseId: fresh });
    assert.doesNotMatch(setup.text, /data-course-copy/);
    const before = await Cohort.count();
    const refused = await setup.agent.fetch(new URL('/setup/continue', h.toolUrl).href, {
      method: 'POST',
      form: { _csrf: field(setup.text, '_csrf'), communityId: String(communityId) },
    });
    assert.equal(refused.status, 403);
    assert.equal(await Cohort.count(), before, 'nothing written');
  });

  it('reads a history list, and ignores a variable the platform did not substitute', () => {
    assert.deepEqual(historyIds('12, 7,3'), ['12', '7', '3']);
    assert.deepEqual(historyIds('$Context.id.history'), []);
    assert.deepEqual(historyIds(''), []);
    assert.deepEqual(historyIds({ toString: 1 }), []);
  });
});
