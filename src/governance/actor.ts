import type { RequestContext } from '../web/context';
import type { CommunityRole } from '../kernel/roles';

/** Who acts in a community command: a membership (LTI roles are per course), never a bare user. */
export interface Actor {
  communityId: number;
  userId: number;
  membershipId: number;
  role: CommunityRole;
}

/** The actor of a request that went through `communityMember`. */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.membership || !ctx.role) throw new Error('actorOf: the request has no community membership');
  return { communityId: ctx.membership.communityId, userId: ctx.user.id, membershipId: ctx.membership.id, role: ctx.role };
}
