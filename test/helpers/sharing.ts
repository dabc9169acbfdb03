import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpCommunity } from './community';
import { sampleCourse, ROLES, type DevPlatform, type DevUser, type BrowserAgent, type AgentPage } from '../../src/devplatform';
import { sessionOf, signedIn, withSession } from './session';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import type { Harness } from './harness';

// Uploads of this test process go to their own folder (like its SQLite file, test/setup.ts), so two
// suites running at once (SQLite and MariaDB) never see each other's files. Set before any harness starts.
process.env.DATA_DIR ??= path.join(os.tmpdir(), `coper-test-data-${process.pid}`);

/** Every file stored under the uploads folder (relative paths), to assert what was or was not written. */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'uploads');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

/** An observer (an LTI role the tool does not map: read-only) and a member whose LMS name is an XSS payload. */
export const EXTRA_MEMBERS: DevUser[] = [
  { id: 'observer1', givenName: 'Olivia', familyName: 'Watcher', name: 'Olivia Watcher', email: 'olivia@example.org', locale: 'en', roles: [ROLES.systemUser] },
  {
    id: 'evil',
    givenName: '<img src=x onerror="window.__xss=1">',
    familyName: '"><script>window.__xss=1</script>',
    name: '<img src=x onerror="window.__xss=1"> "><script>window.__xss=1</script>',
    email: 'evil@example.org',
    locale: 'en',
    roles: [ROLES.learner],
  },
];

let seq = 0;
/** A fresh course with the sample people plus EXTRA_MEMBERS. */
export function sharingCourse(platform: DevPlatform): string {
  const id = `sharing-${Date.now().toString(36)}-${++seq}`;
  platform.addCourse({ id, title: `Partage ${seq}`, label: `P${seq}`, members: [...sampleCourse().members, ...EXTRA_MEMBERS.map((m) => ({ ...m }))] });
  return id;
}

/** A member after a real launch: their browser agent (which holds the session) and CSRF token. */
export interface Member {
  userId: string;
  agent: BrowserAgent;
  csrf: string;
  get: (path: string, query?: Record<string, string | number>) => Promise<AgentPage>;
  post: (path: string, form?: Record<string, string | string[]>) => Promise<AgentPage>;
  /** A GET whose answer is a file (a PDF…): status, headers and bytes. */
  download: (path: string, query?: Record<string, string | number>) => Promise<{ status: number; headers: Headers; bytes: Uint8Array }>;
  /** A multipart POST (the resource form with a file), as a browser sends it. */
  upload: (path: string, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) => Promise<{ status: number; text: string; url: string }>;
}

/**
 * Launch as `userId` into a course (through the development platform, real signed tokens). The
 * CSRF token is what every form of that session carries (an HMAC of the session): computed here
 * because an observer's pages carry no form at all.
 */
export async function launchAs(h: Harness, courseId: string, userId: string, platform = h.moodle): Promise<Member> {
  const res = await h.launch({ platform, userId, courseId });
  assert.equal(res.status, 200, `${userId}: ${res.text.slice(0, 300)}`);
  const agent = res.agent;
  assert.ok(sessionOf(h, agent), `${userId} landed without a session: ${res.url}`);
  const { csrf, get } = signedIn(h, agent);
  return {
    userId,
    agent,
    csrf,
    get,
    download: async (path, query = {}) => {
      const u = new URL(path, h.toolUrl);
      for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
      const r = await fetch(u, withSession(h, agent));
      return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) };
    },
    post: (path, form = {}) => {
      const body = new URLSearchParams({ _csrf: csrf });
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return postForm(new URL(path, h.toolUrl).href, withSession(h, agent, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'follow' }));
    },
    upload: async (path, fields, file) => {
      const form = new FormData();
      form.append('_csrf', csrf);
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
      const r = await fetch(new URL(path, h.toolUrl), withSession(h, agent, { method: 'POST', body: form, redirect: 'follow' }));
      return { status: r.status, text: await r.text(), url: r.url };
    },
  };
}

/** POST a form (repeated fields allowed, unlike BrowserAgent's `form`); redirects followed as a browser does. */
async function postForm(url: string, init: RequestInit): Promise<AgentPage> {
  const r = await fetch(url, init);
  return { status: r.status, url: r.url, headers: r.headers, text: await r.text() };
}

/** A community of practice with its facilitator (instructor) and the course's people, launched. */
export async function sharingCommunity(h: Harness, platform = h.moodle) {
  const course = sharingCourse(platform);
  const { communityId } = await setUpCommunity(h, platform, course);
  const people = new Map<string, Member>();
  const as = async (userId: string) => {
    if (!people.has(userId)) people.set(userId, await launchAs(h, course, userId, platform));
    return people.get(userId)!;
  };
  return { communityId, course, as, base: `/c/${communityId}` };
}

/** The user id of a sample person in a community (the same `sub` exists on both development platforms). */
export async function userIdIn(communityId: number, sub: string): Promise<number> {
  const m = await Membership.findOne({ where: { communityId }, include: [{ model: User, as: 'user', where: { sub }, attributes: ['id'] }] });
  assert.ok(m, `${sub} is not a member of community ${communityId}`);
  return m.userId;
}

/** The id in the final URL of a redirect after creating something (e.g. /c/1/threads/42). */
export function idFrom(url: string, segment: string): number {
  const m = new RegExp(`/${segment}/(\\d+)`).exec(url);
  assert.ok(m, `no /${segment}/<id> in ${url}`);
  return Number(m[1]);
}
