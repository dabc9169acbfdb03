import crypto from 'node:crypto';
import type { Transaction } from 'sequelize';
import { Community, Cohort, Membership } from '../kernel/community';
import type { LaunchInfo } from '../sessions/model';
import { recordActivity } from '../activity/model';
import { User } from '../users/model';
import { upsertLaunchMembership } from '../kernel/launch-membership';
import { lmsCourseUrl } from '../lti/return-url';
import { pickZone } from '../content/zone';
import { rebuildDaily, rollupZone } from '../analytics/daily';
import type { Actor } from '../kernel/actor';

// No 0/O, 1/I/L: codes are read aloud and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newInviteCode(): string {
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Show a code as "ABCD-EFGH". */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export interface SetupContext {
  userId: number;
  platformId: number;
  launch: LaunchInfo;
}

export class SetupError extends Error {}

/** Create a community for the launching course; the instructor becomes its first facilitator. */
export async function createCommunity(
  ctx: SetupContext,
  input: { title: string; purpose: string; timeZone?: string },
  transaction: Transaction,
): Promise<{ community: Community; cohort: Cohort; membership: Membership }> {
  const community = await Community.create(
    { title: input.title, purpose: input.purpose, timeZone: input.timeZone ?? setupZone(ctx.launch), inviteCode: newInviteCode(), settings: {}, createdBy: ctx.userId },
    { transaction },
  );
  const { cohort, membership } = await linkCourse(ctx, community, transaction);
  await recordActivity(
    { communityId: community.id, userId: ctx.userId, membershipId: membership.id, verb: 'community.create', subject: { type: 'community', id: community.id } },
    transaction,
  );
  return { community, cohort, membership };
}

/** The zone offered at setup: the one the platform sent for the launching user, else the default. */
export function setupZone(launch: Pick<LaunchInfo, 'timeZone'>): string {
  return pickZone(null, launch.timeZone);
}

/** A facilitator changes the community's time zone (already validated; the route checks who); its dashboard's days move with it. */
export async function setCommunityZone(_actor: Actor, community: Community, zone: string, transaction: Transaction): Promise<void> {
  const moved = rollupZone(community.timeZone) !== rollupZone(zone);
  await community.update({ timeZone: zone }, { transaction });
  if (moved) await rebuildDaily(Community.sequelize!, community.id, transaction);
}

/** Link the launching course to an existing community (a new cohort of it). */
export async function joinCommunity(
  ctx: SetupContext,
  code: string,
  transaction: Transaction,
): Promise<{ community: Community; cohort: Cohort; membership: Membership } | null> {
  const community = await Community.findOne({ where: { inviteCode: code }, transaction });
  if (!community) return null;
  return addCohort(ctx, community, transaction);
}

/** The launching course becomes a new cohort of `community` (by invitation code, or as a course copy). */
export async function addCohort(ctx: SetupContext, community: Community, transaction: Transaction): Promise<{ community: Community; cohort: Cohort; membership: Membership }> {
  const { cohort, membership } = await linkCourse(ctx, community, transaction);
  await recordActivity(
    { communityId: community.id, userId: ctx.userId, membershipId: membership.id, verb: 'cohort.join', subject: { type: 'cohort', id: cohort.id } },
    transaction,
  );
  return { community, cohort, membership };
}

async function linkCourse(ctx: SetupContext, community: Community, transaction: Transaction) {
  const { launch } = ctx;
  const existing = await Cohort.findOne({
    where: { platformId: ctx.platformId, deploymentId: launch.deploymentRowId, contextId: launch.contextId },
    transaction,
  });
  // Two instructors setting up the same course at once: the first one wins, the second joins it.
  if (existing && existing.communityId !== community.id) throw new SetupError('course_already_linked');
  const cohort =
    existing ??
    (await Cohort.create(
      {
        communityId: community.id,
        platformId: ctx.platformId,
        deploymentId: launch.deploymentRowId,
        contextId: launch.contextId,
        contextTitle: launch.contextTitle ?? null,
        contextLabel: launch.contextLabel ?? null,
        nrpsUrl: launch.nrpsUrl ?? null,
        agsLineitemsUrl: launch.ags?.lineitems ?? null,
        agsLineitemUrl: launch.ags?.lineitem ?? null,
        agsScopes: launch.ags?.scope ?? [],
        lmsReturnUrl: lmsCourseUrl(launch.returnUrl),
      },
      { transaction },
    ));
  const user = await User.findByPk(ctx.userId, { transaction, rejectOnEmpty: true });
  const { membership } = await upsertLaunchMembership(user, cohort, launch, new Date(), transaction);
  return { cohort, membership };
}

/** Communities a platform user can link a course to from deep linking: those they facilitate. */
export async function facilitatedCommunities(userId: number): Promise<Community[]> {
  const memberships = await Membership.findAll({
    where: { userId, status: 'active' },
    include: [{ model: Community, as: 'community' }],
  });
  return memberships
    .filter((m) => (m.roleOverride ?? m.role) === 'facilitator' && m.community)
    .map((m) => m.community!) ;
}
