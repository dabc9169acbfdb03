import type { Transaction } from 'sequelize';
import type { LaunchClaims } from '../lti/claims';
import { pickLanguage } from '../lti/claims';
import { mapRoles } from '../lti/roles';
import type { Platform } from '../kernel/platform';
import { User } from '../users/model';
import { Cohort, Membership, effectiveRole } from '../kernel/community';
import { upsertLaunchMembership } from '../kernel/launch-membership';
import { recordActivity } from '../activity/model';
import type { LaunchInfo } from '../sessions/model';
import { lmsCourseUrl } from '../lti/return-url';
import { QUIET_LAUNCH, LAUNCH_CHANGED } from '../activity/verbs';

export type LaunchOutcome =
  | { kind: 'community'; user: User; cohort: Cohort; membership: Membership; launch: LaunchInfo }
  | { kind: 'setup'; user: User; launch: LaunchInfo }
  | { kind: 'not-ready'; user: User; launch: LaunchInfo }
  | { kind: 'deep-linking'; user: User; cohort: Cohort | null; launch: LaunchInfo };

/** A course's key: its context id, or — for a launch without context — the resource link (LTI Core §5.4.1 allows no context). */
export function contextKey(claims: LaunchClaims): string {
  return claims.context?.id ?? `resource-link:${claims.resourceLinkId ?? 'none'}`;
}

/**
 * Apply a verified launch: create or refresh the user, and when the course is already linked to
 * a community, its membership and the cohort's service URLs (saved for background work). The
 * deployment row is the active one the launch guard found for this token (src/lti/guard.ts).
 */
export async function applyLaunch(platform: Platform, deploymentRowId: number, claims: LaunchClaims, transaction: Transaction): Promise<LaunchOutcome> {
  const now = new Date();
  const mapping = mapRoles(claims.roles);
  const user = await upsertUser(platform.id, claims, now, transaction);
  const launch: LaunchInfo = {
    lang: pickLanguage(claims.locale),
    role: mapping.role,
    institutionAdmin: mapping.institutionAdmin,
    ltiRoles: claims.roles,
    messageType: claims.messageType,
    deploymentRowId,
    contextId: contextKey(claims),
    contextTitle: claims.context?.title ?? claims.resourceLinkTitle,
    contextLabel: claims.context?.label,
    ...(claims.contextHistory.length ? { contextHistory: claims.contextHistory } : {}),
    resourceLinkId: claims.resourceLinkId,
    nrpsUrl: claims.nrpsUrl,
    ags: claims.ags,
    returnUrl: claims.returnUrl,
    deepLinking: claims.deepLinking?.raw,
    productFamily: claims.productFamily,
    ...(claims.timeZone ? { timeZone: claims.timeZone } : {}),
  };
  const cohort = await Cohort.findOne({
    where: { platformId: platform.id, deploymentId: deploymentRowId, contextId: launch.contextId },
    transaction,
  });
  if (cohort) await refreshCohortServices(cohort, launch, transaction);
  if (claims.messageType === 'LtiDeepLinkingRequest') return { kind: 'deep-linking', user, cohort, launch };
  if (!cohort) return { kind: mapping.role === 'facilitator' ? 'setup' : 'not-ready', user, launch };
  const { membership, changed } = await upsertLaunchMembership(user, cohort, launch, now, transaction);
  // A returning member's launch changes nothing the community's pages show: its verb leaves the
  // community's version alone (web/community-cache.ts), so a class launching keeps them warm.
  await recordActivity(
    { communityId: cohort.communityId, userId: user.id, membershipId: membership.id, verb: changed ? LAUNCH_CHANGED : QUIET_LAUNCH, data: { role: effectiveRole(membership) } },
    transaction,
  );
  return { kind: 'community', user, cohort, membership, launch };
}

async function upsertUser(platformId: number, c: LaunchClaims, now: Date, transaction: Transaction): Promise<User> {
  const fields = {
    name: c.name ?? null,
    givenName: c.givenName ?? null,
    familyName: c.familyName ?? null,
    email: c.email ?? null,
    picture: c.picture ?? null,
    locale: c.locale ?? null,
    lastLaunchAt: now,
  };
  const existing = await User.findOne({ where: { platformId, sub: c.sub }, transaction });
  if (!existing) return User.create({ platformId, sub: c.sub, ...fields }, { transaction });
  // A member erased on request stays erased: keep the row anonymous, only note the launch.
  if (existing.erasedAt) return existing.update({ lastLaunchAt: now }, { transaction });
  // Privacy settings in the LMS may stop sending a field: keep what we had rather than erase it.
  const keep = (v: string | null, old: string | null) => v ?? old;
  return existing.update(
    {
      name: keep(fields.name, existing.name),
      givenName: keep(fields.givenName, existing.givenName),
      familyName: keep(fields.familyName, existing.familyName),
      email: keep(fields.email, existing.email),
      picture: keep(fields.picture, existing.picture),
      locale: keep(fields.locale, existing.locale),
      lastLaunchAt: now,
    },
    { transaction },
  );
}

/** Save the NRPS and AGS URLs of the latest launch on the cohort (background jobs have no live request). */
export async function refreshCohortServices(cohort: Cohort, launch: LaunchInfo, transaction: Transaction): Promise<void> {
  const next = {
    nrpsUrl: launch.nrpsUrl ?? cohort.nrpsUrl,
    agsLineitemsUrl: launch.ags?.lineitems ?? cohort.agsLineitemsUrl,
    agsLineitemUrl: launch.ags?.lineitem ?? cohort.agsLineitemUrl,
    agsScopes: launch.ags?.scope ?? cohort.agsScopes,
    contextTitle: launch.contextTitle ?? cohort.contextTitle,
    contextLabel: launch.contextLabel ?? cohort.contextLabel,
    lmsReturnUrl: lmsCourseUrl(launch.returnUrl) ?? cohort.lmsReturnUrl,
  };
  const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => JSON.stringify(next[k]) !== JSON.stringify(cohort[k]));
  if (changed) await cohort.update(next, { transaction });
}
