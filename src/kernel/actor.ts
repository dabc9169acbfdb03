import type { CommunityRole } from './roles';
import type { Lang } from '../i18n';
import { DomainError } from './errors';

/**
 * Who acts, in which community: what every command and policy takes first (commands never read
 * the request). The actor is a membership, not a user: LTI roles are per course (STYLE.md).
 */
export interface Actor {
  userId: number;
  membershipId: number;
  communityId: number;
  role: CommunityRole;
  lang: Lang;
}

/** What a request's context holds once `communityMember` has run (web/context.ts). */
export interface ActorSource {
  user: { id: number };
  membership?: { id: number; communityId: number } | null;
  role?: CommunityRole | null;
  lang: Lang;
}

/** The actor of a community request; without a membership the session has ended (401). */
export function actorOf(ctx: ActorSource | undefined | null): Actor {
  if (!ctx?.membership || !ctx.role) throw new DomainError('unauthenticated', 'errors.session_expired');
  return { userId: ctx.user.id, membershipId: ctx.membership.id, communityId: ctx.membership.communityId, role: ctx.role, lang: ctx.lang };
}

/**
 * What a policy reads of who asks: an `Actor` (whose role is never null), or `{ role: null }` for
 * someone with no membership in the community. Every policy takes it first, then its subject.
 */
export interface RoleHolder {
  role: CommunityRole | null;
}
