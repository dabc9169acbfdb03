import type { TFunction } from 'i18next';
import type { Lang } from '../i18n';
import type { Session } from '../sessions/model';
import type { User } from '../users/model';
import type { Community, Membership } from '../communities/model';
import type { CommunityRole } from '../lti/roles';

/** What a request knows after the session (and, on community routes, the membership) is loaded. */
export interface RequestContext {
  lang: Lang;
  t: TFunction;
  session: Session;
  sessionToken: string;
  user: User;
  csrf: string;
  /** Set on /c/:communityId routes: the actor of every authorization decision. */
  membership?: Membership;
  community?: Community;
  role?: CommunityRole;
}

/** Build app URLs that carry the session token, so no template assembles a URL by hand (STYLE.md). */
export function urlBuilder(sessionToken: string | undefined) {
  return (pathname: string, query: Record<string, string | number | undefined> = {}): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    if (sessionToken) params.set('s', sessionToken);
    const qs = params.toString();
    return qs ? `${pathname}${pathname.includes('?') ? '&' : '?'}${qs}` : pathname;
  };
}
