import assert from 'node:assert/strict';
import type { Harness } from '../helpers/harness';
import { newCourse } from '../helpers/harness';
import { signedIn } from '../helpers/session';
import { setUpCommunity } from '../helpers/community';
import { ROLES, type BrowserAgent, type AgentPage } from '../../src/devplatform';

/** A launched member: their browser (which holds the session), CSRF token, and helpers to GET and POST tool pages. */
export interface Member {
  agent: BrowserAgent;
  csrf: string;
  communityId: number;
  get: (path: string, query?: Record<string, string>) => Promise<AgentPage>;
  post: (path: string, form?: Record<string, string>) => Promise<AgentPage>;
}

/** Launch `userId` into the course's community (real OIDC launch through the development platform). */
export async function launchMember(h: Harness, courseId: string, userId: string, platform = h.moodle): Promise<Member> {
  const page = await h.launch({ platform, userId, courseId });
  assert.equal(page.status, 200, `${userId}: ${page.text.slice(0, 300)}`);
  const m = /\/c\/(\d+)$/.exec(new URL(page.url).pathname);
  assert.ok(m, `${userId} should land on a community home, got ${page.url}`);
  return memberFrom(h, page.agent, Number(m[1]));
}

export function memberFrom(h: Harness, agent: BrowserAgent, communityId: number): Member {
  const { csrf, get, post } = signedIn(h, agent);
  return { agent, csrf, communityId, get, post: (path, form) => post(path, form) };
}

/** Add a person whose only role is an institution/system role: the tool makes them an observer. */
export function addObserver(h: Harness, courseId: string, platform = h.moodle): string {
  const course = platform.courses.get(courseId)!;
  course.members.push({ id: 'observer1', givenName: 'Olivia', familyName: 'Observer', name: 'Olivia Observer', email: 'olivia@example.org', locale: 'en', roles: [ROLES.systemUser] });
  return 'observer1';
}

/**
 * A new Moodle course with an observer, its community set up by the instructor (the facilitator),
 * and Alex (learner1, English) and Nadia (learner3, French) launched. Not learner2: test/lti expects
 * Moodle's learner2 to have no membership.
 */
export async function facilitatedCommunity(h: Harness): Promise<{ course: string; cid: number; fac: Member; alex: Member; nadia: Member }> {
  const course = newCourse(h.moodle);
  addObserver(h, course);
  const setup = await setUpCommunity(h, h.moodle, course);
  const cid = setup.communityId;
  const fac = memberFrom(h, setup.agent, cid);
  return { course, cid, fac, alex: await launchMember(h, course, 'learner1'), nadia: await launchMember(h, course, 'learner3') };
}

export const CHARTER_FORM = {
  body: '## Participation\n\nWe take part as volunteers and respect every point of view.',
  rule_consent: 'on',
  rule_consensus: 'on',
  rule_majority: 'on',
  rule_poll: 'on',
  quorum: '50',
};

/** A `datetime-local` value `minutes` from now in America/Toronto (the default zone). */
export function localIn(minutes: number): string {
  const { DateTime } = require('luxon') as typeof import('luxon');
  return DateTime.now().setZone('America/Toronto').plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
}
