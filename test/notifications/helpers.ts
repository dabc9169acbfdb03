import assert from 'node:assert/strict';
import { newCourse, field, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { Platform } from '../../src/kernel/platform';
import { User } from '../../src/users/model';
import { Membership } from '../../src/kernel/community';
import { notify, type NotifyInput } from '../../src/notifications/service';
import type { BrowserAgent } from '../../src/devplatform';

export interface Member {
  sub: string;
  membershipId: number;
  userId: number;
  csrf: string;
  agent: BrowserAgent;
}

export type People = Record<'instructor' | 'ta' | 'learner1' | 'learner2' | 'learner3' | 'mentor', Member>;

/**
 * A new course and its community, set up by the instructor, with every sample member launched
 * in through the development platform (real signed launches): learner1 and mentor speak
 * English, the others French (fr-CA).
 */
export async function communityWithMembers(h: Harness, platform = h.moodle): Promise<{ communityId: number; courseId: string; people: People }> {
  const courseId = newCourse(platform);
  const setup = await setUpCommunity(h, platform, courseId);
  const people = {} as People;
  for (const sub of ['instructor', 'ta', 'learner1', 'learner2', 'learner3', 'mentor'] as const) {
    const page = await h.launch({ platform, userId: sub, courseId });
    assert.equal(page.status, 200, `${sub}: ${page.text.slice(0, 300)}`);
    const p = await Platform.findOne({ where: { issuer: platform.issuer } });
    const user = await User.findOne({ where: { platformId: p!.id, sub } });
    const m = await Membership.findOne({ where: { userId: user!.id, communityId: setup.communityId } });
    // The home page has no form: read the CSRF token from the preferences form.
    const prefs = await page.agent.fetch(`${h.toolUrl}/c/${setup.communityId}/notifications/preferences`);
    assert.equal(prefs.status, 200, prefs.text.slice(0, 300));
    people[sub] = { sub, membershipId: m!.id, userId: user!.id, csrf: field(prefs.text, '_csrf'), agent: page.agent };
  }
  return { communityId: setup.communityId, courseId, people };
}

/** notify() inside a transaction, as a feature's command would call it. */
export async function notifyNow(h: Harness, input: NotifyInput): Promise<number> {
  return h.runtime.sequelize.transaction((t) => notify(t, input));
}

/** The address of a tool page (the member's browser carries the session). */
export function pageUrl(h: Harness, m: Member, path: string, query: Record<string, string> = {}): string {
  const u = new URL(h.toolUrl + path);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.href;
}
