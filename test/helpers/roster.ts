import { ROLES, type DevPlatform, type DevUser } from '../../src/devplatform';
import { Cohort, Membership } from '../../src/kernel/community';
import { User } from '../../src/users/model';
import { Op } from 'sequelize';
import { RosterSync } from '../../src/lms/model';
import { ensureSyncRow } from '../../src/lms/lease';
import { retryPolicy } from '../../src/lms/nrps';
import { syncCohortRoster, type SyncOptions } from '../../src/lms/sync';
import { clearAccessTokens } from '../../src/lms/token';
import { courseCommunity, type CourseCommunity } from './community';

// Page retries inside a sync wait 500 ms, 1 s… in production; tests keep the logic, not the wait.
retryPolicy.baseDelayMs = 10;

/** `n` learners with readable ids and names (`prefix`0…). */
export function learners(n: number, prefix = 'p', from = 0): DevUser[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    return { id: `${prefix}${i}`, givenName: `Given${i}`, familyName: `Family${i}`, name: `Given${i} Family${i}`, email: `${prefix}${i}@example.org`, roles: [ROLES.learner] };
  });
}

/** The sample course's members plus extra people. */
export function sampleWith(platform: DevPlatform, courseId: string, extra: DevUser[]): DevUser[] {
  return [...platform.courses.get(courseId)!.members.filter((m) => !m.id.startsWith('p')), ...extra];
}

export type RosterCommunity = CourseCommunity;

/** A fresh course and its community (created by the instructor's launch), on the given platform. */
export function rosterCommunity(flavour: 'moodle' | 'canvas' = 'moodle'): Promise<RosterCommunity> {
  return courseCommunity(flavour, 'Roster');
}

/** Run a sync the way the worker does (its own owner id). */
export function syncNow(rc: RosterCommunity, opts: Partial<SyncOptions> = {}) {
  return syncCohortRoster(rc.cohort.id, { owner: 'test-worker', trigger: 'schedule', fullSyncHours: 24, ...opts });
}

/** sub → { status, role, source } of every membership of a community. */
export async function roster(communityId: number): Promise<Record<string, { status: string; role: string; source: string; cohortId: number }>> {
  const rows = await Membership.findAll({ where: { communityId }, include: [{ model: User, as: 'user' }] });
  return Object.fromEntries(rows.map((m) => [m.user!.sub, { status: m.status, role: m.role, source: m.source, cohortId: m.cohortId }]));
}

/** Requests the platform received on a course's NRPS endpoint since `from` (an index in p.requests). */
export function nrpsHits(platform: DevPlatform, courseId: string, from = 0): number {
  return platform.requests.slice(from).filter((r) => r.path === `/nrps/${courseId}/memberships`).length;
}

export async function syncState(cohortId: number): Promise<RosterSync> {
  return (await RosterSync.findOne({ where: { cohortId } }))!;
}

/** Forget cached access tokens (each test starts like a fresh process). */
export function freshTokens(): void {
  clearAccessTokens();
}

/** Make every other cohort look freshly synced, so the scheduler sees only these as due. */
export async function onlyDue(cohortIds: number[]): Promise<void> {
  for (const c of await Cohort.findAll({ attributes: ['id', 'communityId'] })) await ensureSyncRow(c);
  await RosterSync.update(
    { finishedAt: new Date(), requestedAt: null, nextAttemptAt: null, leaseOwner: null, leaseUntil: null },
    { where: { cohortId: { [Op.notIn]: cohortIds } } },
  );
}

