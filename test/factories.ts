import { Platform, Deployment } from '../src/kernel/platform';
import { User } from '../src/users/model';
import { Community, Cohort, Membership, type MembershipStatus } from '../src/kernel/community';
import { CharterVersion, type CharterRules } from '../src/charter/model';
import type { CommunityRole } from '../src/kernel/roles';
import type { Actor } from '../src/kernel/actor';
import type { Lang } from '../src/i18n';

/**
 * Rows built directly, for command and query tests that need a community and its members but not
 * a launch (the HTTP tests launch through the development platform instead). Each call makes new,
 * unique rows, so tests sharing a database never see each other's.
 */

let seq = 0;
const unique = () => `${Date.now().toString(36)}-${++seq}`;

export interface BuiltCommunity {
  community: Community;
  cohort: Cohort;
}

export interface BuildCommunityOptions {
  title?: string;
  settings?: Record<string, unknown>;
  timeZone?: string | null;
  /** The charter's first version, or null for a community without a charter yet. */
  charter?: { body?: string; rules?: CharterRules } | null;
}

const DEFAULT_RULES: CharterRules = { rules: ['consent', 'consensus', 'majority', 'poll'], quorum: 50 };

/** A community with a cohort on the first registered platform (the test harness registers them), and a charter. */
export async function buildCommunity(o: BuildCommunityOptions = {}): Promise<BuiltCommunity> {
  const platform = await Platform.findOne({ order: [['id', 'ASC']] });
  const deployment = await Deployment.findOne({ where: { platformId: platform!.id } });
  const n = unique();
  const community = await Community.create({
    title: o.title ?? `Factory ${n}`,
    purpose: 'A purpose for the factory.',
    inviteCode: `F${n.replace(/-/g, '').toUpperCase()}`.slice(-12),
    settings: o.settings ?? {},
    ...(o.timeZone !== undefined ? { timeZone: o.timeZone } : {}),
  });
  const cohort = await Cohort.create({ communityId: community.id, platformId: platform!.id, deploymentId: deployment!.id, contextId: `factory-${n}` });
  if (o.charter !== null) {
    await CharterVersion.create({ communityId: community.id, version: 1, body: o.charter?.body ?? 'Charter v1', rules: o.charter?.rules ?? DEFAULT_RULES, proposedBy: null, proposalId: null });
  }
  return { community, cohort };
}

export interface BuildMembershipOptions {
  role?: CommunityRole;
  /** 'invited' = in the LMS roster but never launched. */
  status?: MembershipStatus;
  name?: string;
  lang?: Lang;
}

export interface BuiltMembership {
  membership: Membership;
  user: User;
  actor: Actor;
}

/** A member of the community, with the `Actor` commands take. */
export async function buildMembership(c: BuiltCommunity, o: BuildMembershipOptions = {}): Promise<BuiltMembership> {
  const n = unique();
  const role = o.role ?? 'member';
  const status = o.status ?? 'active';
  const lang = o.lang ?? 'fr';
  const user = await User.create({ platformId: c.cohort.platformId, sub: `factory-user-${n}`, name: o.name ?? `Person ${n}` });
  const membership = await Membership.create({ userId: user.id, communityId: c.community.id, cohortId: c.cohort.id, role, ltiRoles: [], status, source: status === 'invited' ? 'roster' : 'launch' });
  return { membership, user, actor: { communityId: c.community.id, userId: user.id, membershipId: membership.id, role, lang } };
}

