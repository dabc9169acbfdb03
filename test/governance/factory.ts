import { Platform, Deployment } from '../../src/kernel/platform';
import { User } from '../../src/users/model';
import { Community, Cohort, Membership, type MembershipStatus } from '../../src/kernel/community';
import { CharterVersion, type CharterRules } from '../../src/charter/model';
import type { CommunityRole } from '../../src/kernel/roles';
import type { Actor } from '../../src/kernel/actor';

let seq = 0;

/** A community with a cohort on the first registered platform (the harness registers them). */
export async function makeCommunity(rules: CharterRules = { rules: ['consent', 'consensus', 'majority', 'poll'], quorum: 50 }) {
  const platform = await Platform.findOne({ order: [['id', 'ASC']] });
  const deployment = await Deployment.findOne({ where: { platformId: platform!.id } });
  const n = ++seq;
  const community = await Community.create({ title: `Factory ${n}`, purpose: 'A purpose for the factory.', inviteCode: `F${Date.now().toString(36).toUpperCase()}${n}`.slice(-12), settings: {} });
  const cohort = await Cohort.create({ communityId: community.id, platformId: platform!.id, deploymentId: deployment!.id, contextId: `factory-${Date.now()}-${n}` });
  await CharterVersion.create({ communityId: community.id, version: 1, body: 'Charter v1', rules, proposedBy: null, proposalId: null });
  return { community, cohort };
}

/** A member of the community, created directly (status 'invited' = in the LMS roster but never launched). */
export async function makeMember(c: { community: Community; cohort: Cohort }, role: CommunityRole = 'member', status: MembershipStatus = 'active'): Promise<{ membership: Membership; user: User; actor: Actor }> {
  const n = ++seq;
  const user = await User.create({ platformId: c.cohort.platformId, sub: `factory-user-${Date.now()}-${n}`, name: `Person ${n}` });
  const membership = await Membership.create({ userId: user.id, communityId: c.community.id, cohortId: c.cohort.id, role, ltiRoles: [], status, source: status === 'invited' ? 'roster' : 'launch' });
  return { membership, user, actor: { communityId: c.community.id, userId: user.id, membershipId: membership.id, role, lang: 'fr' } };
}
