import type { Request } from 'express';
import type { CommunityRole } from '../kernel/roles';
import type { Lang } from '../i18n';
import { HttpError } from '../web/errors';

/**
 * Who acts, in which community: what every command and policy of the sharing features takes
 * first (services never read `req`). The actor is a membership, not a user (STYLE.md).
 */
export interface Actor {
  userId: number;
  membershipId: number;
  communityId: number;
  role: CommunityRole;
  lang: Lang;
}

/** The actor of a /c/:communityId request (after sessionRequired + communityMember). */
export function actorOf(req: Request): Actor {
  const ctx = req.ctx;
  if (!ctx?.membership || !ctx.role) throw new HttpError(401, 'errors.session_expired');
  return { userId: ctx.user.id, membershipId: ctx.membership.id, communityId: ctx.membership.communityId, role: ctx.role, lang: ctx.lang };
}

/** A positive integer route parameter, or 404 (ids in URLs are never trusted). */
export function idParam(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new HttpError(404, 'errors.not_found');
  return n;
}
