import assert from 'node:assert/strict';
import { sharingCommunity, type Member } from './sharing';
import { Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Activity } from '../../src/activity/model';
import { Notification } from '../../src/notifications/model';
import type { Harness } from './harness';

export { idFrom, launchAs, type Member } from './sharing';

/** A community with the sample people (launched on demand) and lookups of their memberships. */
export async function peopleCommunity(h: Harness, platform = h.moodle) {
  const c = await sharingCommunity(h, platform);
  /** Launch `sub` (so their membership exists) and return their membership id. */
  const mid = async (sub: string): Promise<number> => {
    await c.as(sub);
    return (await membershipOf(c.communityId, sub)).id;
  };
  return { ...c, mid };
}

/** The membership of a sample person (by LTI sub) in a community. */
export async function membershipOf(communityId: number, sub: string): Promise<Membership> {
  const m = await Membership.findOne({ where: { communityId }, include: [{ model: User, as: 'user', where: { sub }, attributes: ['id'] }] });
  assert.ok(m, `${sub} is not a member of community ${communityId}`);
  return m;
}

/** Activity rows of a community with this verb, data parsed. */
export async function activities(communityId: number, verb: string): Promise<Array<{ membershipId: number | null; subjectId: number | null; data: Record<string, unknown> }>> {
  const rows = await Activity.findAll({ where: { communityId, verb }, order: [['id', 'ASC']] });
  return rows.map((r) => ({ membershipId: r.membershipId, subjectId: r.subjectId, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {} }));
}

/** Notifications of a kind received by a membership. */
export async function notificationsOf(membershipId: number, kind: string) {
  return Notification.findAll({ where: { membershipId, kind }, order: [['id', 'ASC']] });
}

/** The unread count the bell shows on a member's page (what the member sees). */
export async function bellCount(m: Member, base: string): Promise<number> {
  // Any community page shows the bell; the notifications page itself is not used (reading it could mark them read).
  const page = await m.get(`${base}/people`);
  assert.equal(page.status, 200);
  const match = /data-bell-count="(\d+)"/.exec(page.text);
  assert.ok(match, 'no bell on the page');
  return Number(match[1]);
}

/** A CSRF-carrying post that must succeed (status 200 after redirects). */
export async function ok(m: Member, path: string, form: Record<string, string | string[]> = {}) {
  const res = await m.post(path, form);
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 400)}`);
  return res;
}

/** Launch several people one after the other (first launches create memberships: kept sequential, as a class arrives). */
export async function launchAll(c: { as: (sub: string) => Promise<Member> }, subs: string[]): Promise<Member[]> {
  const out: Member[] = [];
  for (const sub of subs) out.push(await c.as(sub));
  return out;
}
