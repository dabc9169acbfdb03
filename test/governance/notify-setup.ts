import assert from 'node:assert/strict';
import { newCourse, type Harness } from '../helpers/harness';
import { setUpCommunity } from '../helpers/community';
import { launchMember, memberFrom, addObserver, CHARTER_FORM, type Member } from './helpers';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Platform } from '../../src/kernel/platform';
import { Notification } from '../../src/notifications/model';
import type { NotificationKind } from '../../src/notifications/kinds';

export type Sub = 'instructor' | 'ta' | 'learner1' | 'learner3' | 'mentor' | 'observer1';
export type Person = Member & { membershipId: number };

/**
 * A new Moodle course and its community, the charter drafted by the instructor, and every member
 * launched in for real: instructor Marie and ta Jean (facilitators, fr-CA), learner1 Alex (en),
 * learner3 Nadia (fr-CA), mentor Chris (en), and observer1 Olivia (observer, en). Moodle's
 * learner2 is left out, as elsewhere (test/lti expects her to have no membership).
 */
export async function governedCommunity(h: Harness): Promise<{ cid: number; course: string; people: Record<Sub, Person> }> {
  const course = newCourse(h.moodle);
  addObserver(h, course);
  const setup = await setUpCommunity(h, h.moodle, course);
  const cid = setup.communityId;
  const platform = await Platform.findOne({ where: { issuer: h.moodle.issuer } });
  const withId = async (sub: Sub, m: Member): Promise<Person> => {
    const user = await User.findOne({ where: { platformId: platform!.id, sub } });
    const membership = await Membership.findOne({ where: { userId: user!.id, communityId: cid } });
    return Object.assign(m, { membershipId: membership!.id });
  };
  const people = { instructor: await withId('instructor', memberFrom(h, setup.agent, cid)) } as Record<Sub, Person>;
  for (const sub of ['ta', 'learner1', 'learner3', 'mentor', 'observer1'] as const) people[sub] = await withId(sub, await launchMember(h, course, sub));
  const charter = await people.instructor.post(`/c/${cid}/charter`, CHARTER_FORM);
  assert.equal(charter.status, 200, charter.text.slice(0, 300));
  return { cid, course, people };
}

/** The unread count on the bell of a community page. */
export const bellCount = (html: string) => Number(/data-bell-count="(\d+)"/.exec(html)?.[1] ?? NaN);

/** Who got notifications of `kind` about a subject, as sorted membership ids (one entry per row: duplicates show). */
export async function notifiedIds(kind: NotificationKind, subject: { type: string; id: number }): Promise<number[]> {
  const rows = await Notification.findAll({ where: { kind, subjectType: subject.type, subjectId: subject.id }, attributes: ['membershipId'] });
  return rows.map((r) => r.membershipId).sort((a, b) => a - b);
}

export const idsOf = (...people: Person[]) => people.map((p) => p.membershipId).sort((a, b) => a - b);

/** The texts on a member's notifications page (in their language), newest first. */
export async function notificationTexts(p: Person): Promise<string[]> {
  const page = await p.get(`/c/${p.communityId}/notifications`);
  assert.equal(page.status, 200);
  return [...page.text.matchAll(/<li class="notif[^"]*" data-notification="\d+">\s*<a href="[^"]*">(?:<span class="notif-badge">[^<]*<\/span> )?([^<]*)<\/a>/g)].map((m) => decode(m[1]));
}

const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&#34;|&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Change one e-mail preference through the preferences form, keeping every other choice as shown. */
export async function setPreference(p: Person, kind: NotificationKind, delivery: 'immediate' | 'daily' | 'weekly' | 'off'): Promise<void> {
  const form = await p.get(`/c/${p.communityId}/notifications/preferences`);
  const fields: Record<string, string> = {};
  for (const m of form.text.matchAll(/<select id="[^"]+" name="(p\.[^"]+)">([\s\S]*?)<\/select>/g)) {
    fields[m[1]] = /<option value="(\w+)" selected>/.exec(m[2])![1];
  }
  fields[`p.${kind}`] = delivery;
  const saved = await p.post(`/c/${p.communityId}/notifications/preferences`, fields);
  assert.equal(saved.status, 200, saved.text.slice(0, 300));
  assert.match(saved.url, /saved=1/);
}
