import assert from 'node:assert/strict';
import type { DevPlatform } from '../../src/devplatform';
import { Cohort } from '../../src/kernel/community';
import { field, harness, newCourse, type Harness } from './harness';

/** Launch as the course's instructor and create its community through the setup page. */
export async function setUpCommunity(h: Harness, platform: DevPlatform, courseId: string, input: Record<string, string> = { title: 'Enseigner en réseau', purpose: 'Partager nos pratiques d’évaluation et apprendre ensemble.' }) {
  const first = await h.launch({ platform, userId: 'instructor', courseId });
  assert.equal(first.status, 200, first.text.slice(0, 500));
  assert.equal(new URL(first.url).pathname, '/setup');
  const csrf = field(first.text, '_csrf');
  const home = await first.agent.fetch(`${h.toolUrl}/setup/create`, { method: 'POST', form: { _csrf: csrf, ...input } });
  assert.equal(home.status, 200, home.text.slice(0, 500));
  const m = /\/c\/(\d+)$/.exec(new URL(home.url).pathname);
  assert.ok(m, `expected the community home, got ${home.url}`);
  return { communityId: Number(m[1]), agent: first.agent, csrf, home };
}

export interface CourseCommunity {
  h: Harness;
  platform: DevPlatform;
  courseId: string;
  communityId: number;
  cohort: Cohort;
  agent: Awaited<ReturnType<typeof setUpCommunity>>['agent'];
  csrf: string;
}

/** A fresh course on the Moodle or Canvas platform (`before` may change it first), and its community set up by the instructor. */
export async function courseCommunity(flavour: 'moodle' | 'canvas', title: string, before?: (p: DevPlatform, courseId: string) => void): Promise<CourseCommunity> {
  const h = await harness();
  const platform = flavour === 'canvas' ? h.canvas : h.moodle;
  const courseId = newCourse(platform, title);
  before?.(platform, courseId);
  const c = await setUpCommunity(h, platform, courseId);
  const cohort = (await Cohort.findOne({ where: { communityId: c.communityId } }))!;
  return { h, platform, courseId, communityId: c.communityId, cohort, agent: c.agent, csrf: c.csrf };
}

/** Leave Moodle's learner2 out of a course: test/lti relies on learner2 having no membership anywhere. */
export function keepLearner2Out(platform: DevPlatform, courseId: string): void {
  const course = platform.courses.get(courseId)!;
  course.members = course.members.filter((m) => m.id !== 'learner2');
}
