import { Op } from 'sequelize';
import { recordActivity } from '../../src/activity/model';
import { Community, Membership } from '../../src/kernel/community';
import type { DevPlatform, DevLineItem } from '../../src/devplatform';
import { clearAccessTokens } from '../../src/lms/token';
import { runScoreOutbox, scorePolicy, type SendStats } from '../../src/gradebook/sender';
import { ScoreOutbox } from '../../src/gradebook/model';
import { User } from '../../src/users/model';
import { courseCommunity, type CourseCommunity } from '../helpers/community';
import { csrfOf } from '../helpers/session';

// Retries wait 15 s, 30 s… in production; tests keep the logic, not the wait.
scorePolicy.baseDelayMs = 5;
scorePolicy.maxDelayMs = 50;

export interface GradeCommunity extends CourseCommunity {
  /** Memberships of the people who launched, by platform user id. */
  m: Record<string, Membership>;
  /** Each launched person's browser (which holds their session) and CSRF token, for requests as them. */
  as: Record<string, { agent: GradeCommunity['agent']; csrf: string }>;
}

/** A fresh course and community; the instructor sets it up, then each of `who` launches into it. */
export async function gradeCommunity(flavour: 'moodle' | 'canvas' = 'moodle', who = ['learner1', 'learner2', 'learner3'], before?: (p: DevPlatform, courseId: string) => void): Promise<GradeCommunity> {
  const c = await courseCommunity(flavour, 'Grades', before);
  const as: GradeCommunity['as'] = { instructor: { agent: c.agent, csrf: c.csrf } };
  for (const id of who) {
    const page = await c.h.launch({ platform: c.platform, userId: id, courseId: c.courseId });
    if (page.status !== 200) throw new Error(`launch ${id}: ${page.status}`);
    as[id] = { agent: page.agent, csrf: csrfOf(c.h, page.agent) };
  }
  const m: Record<string, Membership> = {};
  for (const row of await Membership.findAll({ where: { communityId: c.communityId }, include: [{ model: User, as: 'user' }] })) m[row.user!.sub] = row;
  return { ...c, m, as };
}

/** Record a contribution as the feature branches will (their command's transaction, recordActivity). */
export async function contribute(gc: GradeCommunity, who: string, verb: string, data: Record<string, unknown> = {}, subject?: { type: string; id: number }): Promise<void> {
  const member = gc.m[who];
  await Community.sequelize!.transaction((t) =>
    recordActivity({ communityId: gc.communityId, userId: member.userId, membershipId: member.id, verb, data, subject }, t),
  );
}

/** Run the sender until nothing of this community is pending (waiting out backoffs), or the deadline. */
export async function drain(communityId?: number, deadlineMs = 50_000): Promise<SendStats> {
  const total: SendStats = { sent: 0, superseded: 0, unchanged: 0, failed: 0, retrying: 0, errors: 0 };
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const s = await runScoreOutbox({ communityId, maxMs: 20_000 });
    for (const k of Object.keys(total) as Array<keyof SendStats>) total[k] += s[k];
    const left = await ScoreOutbox.count({ where: { status: 'pending', ...(communityId ? { communityId } : {}) } });
    if (!left) return total;
    const next = await ScoreOutbox.min('nextAttemptAt', { where: { status: 'pending', nextAttemptAt: { [Op.ne]: null }, ...(communityId ? { communityId } : {}) } });
    const wait = next ? Math.max(0, new Date(next as Date).getTime() - Date.now()) : 0;
    await new Promise((r) => setTimeout(r, Math.min(wait + 5, 2000)));
  }
  throw new Error('outbox not drained before the deadline');
}

/** The tool's participation column in a course on the platform. */
export function participationItem(p: DevPlatform, courseId: string, communityId: number): DevLineItem | undefined {
  return [...p.lineItems.values()].find((li) => li.courseId === courseId && li.resourceId === `coper-participation-${communityId}`);
}

/** Accepted score bodies for one line item, in arrival order. */
export function accepted(p: DevPlatform, lineItemId: string): any[] {
  return p.scoresReceived.filter((r) => r.lineItemId === lineItemId && r.status === 200).map((r) => r.body);
}

export function freshTokens(): void {
  clearAccessTokens();
}

/** A text of `n` characters (data.length of a post). */
export const len = (n: number) => ({ length: n });
