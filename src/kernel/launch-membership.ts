import type { Transaction } from 'sequelize';
import { Cohort, Membership } from './community';
import type { CommunityRole } from './roles';

/** What a launch says about the launching user's place in the course (the session's `LaunchInfo` has it). */
export interface LaunchedRole {
  role: CommunityRole;
  ltiRoles: string[];
}

/**
 * Create or update the membership of a launching user; LMS role changes apply, facilitator
 * promotions stay. `changed`: the membership is new, or what others see of it moved (role,
 * status, course, or its first launch), as opposed to a returning member's launch. One rule for
 * the launch itself and for the setup or deep linking that links the course right after it.
 */
export async function upsertLaunchMembership(
  user: { id: number },
  cohort: Pick<Cohort, 'id' | 'communityId'>,
  launch: LaunchedRole,
  now: Date,
  transaction: Transaction,
): Promise<{ membership: Membership; changed: boolean }> {
  const existing = await Membership.findOne({ where: { userId: user.id, communityId: cohort.communityId }, transaction });
  const fields = { role: launch.role, ltiRoles: launch.ltiRoles, status: 'active' as const, lastLaunchAt: now, cohortId: cohort.id };
  if (!existing) {
    return { membership: await Membership.create({ userId: user.id, communityId: cohort.communityId, source: 'launch', ...fields }, { transaction }), changed: true };
  }
  const changed = existing.lastLaunchAt === null || existing.role !== fields.role || existing.status !== fields.status || existing.cohortId !== fields.cohortId;
  return { membership: await existing.update(fields, { transaction }), changed };
}
