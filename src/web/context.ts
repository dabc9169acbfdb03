import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { Session } from '../sessions/model';
import type { Carrier } from '../sessions/carrier';
import type { User } from '../users/model';
import type { Community, Membership } from '../kernel/community';
import type { CommunityRole } from '../kernel/roles';
import type { MemberKernel } from './kernel';

/** What a request knows after the session (and, on community routes, the membership) is loaded. */
export interface RequestContext {
  lang: Lang;
  t: TFunction;
  session: Session;
  /** How this request carried its session (cookie or the tab's header). */
  carrier: Carrier;
  user: User;
  csrf: string;
  /** Set on /c/:communityId routes: the actor of every authorization decision. */
  membership?: Membership;
  community?: Community;
  role?: CommunityRole;
  /** Read with the membership (src/web/kernel.ts), for the layout's hooks. */
  kernel?: { unread: number; charter: { version: number; acknowledged: number | null } | null };
  /** On /c/:communityId routes, the member's kernel read with the session (web/session.ts), for `communityMember`. */
  readKernel?: { communityId: number; kernel: MemberKernel | null };
}

/**
 * Build app URLs, so no template assembles a URL by hand (STYLE.md). They never carry the
 * session: it travels in a cookie or a header (issue #16).
 */
export function urlBuilder() {
  return (pathname: string, query: Record<string, string | number | undefined> = {}): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return qs ? `${pathname}${pathname.includes('?') ? '&' : '?'}${qs}` : pathname;
  };
}
