import type { CommunityHook } from '../web/community-hooks';
import type { Membership } from '../kernel/community';
import { unreadCount } from './inbox';

/** What the header's bell shows on community pages: the unread count and where it leads. */
export interface Bell {
  count: number;
  label: string;
  href: string;
}

/**
 * The bell for the membership a community page acts as (called from `communityMember`, one
 * indexed COUNT). The count shown stops at 99+.
 */
export async function bellFor(membership: Membership, url: (p: string) => string, unread?: number): Promise<Bell> {
  const count = unread ?? (await unreadCount(membership.id));
  return { count, label: count > 99 ? '99+' : String(count), href: url(`/c/${membership.communityId}/notifications`) };
}

/** The notification bell in the header: unread count for this membership (a community hook, `src/features.ts`). */
export const bellHook: CommunityHook = async (ctx, _req, res) => {
  res.locals.bell = await bellFor(ctx.membership!, res.locals.url, ctx.kernel?.unread);
};
