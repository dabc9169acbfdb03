import type { CommunityRole } from '../lti/roles';

/**
 * The community navigation, in display order. A feature adds one entry here; the layout renders
 * it (a route marks its own entry with `res.locals.navCurrent = key`).
 */
export interface NavItem {
  key: string;
  labelKey: string;
  path: (communityId: number) => string;
  /** Shown only when true for the viewer's role (default: shown to everyone). */
  visible?: (role: CommunityRole) => boolean;
}

export const communityNav: NavItem[] = [
  { key: 'home', labelKey: 'nav.home', path: (id) => `/c/${id}` },
  { key: 'discussions', labelKey: 'discussions.nav', path: (id) => `/c/${id}/discussions` },
  { key: 'knowledge', labelKey: 'discussions.nav_knowledge', path: (id) => `/c/${id}/knowledge` },
  { key: 'resources', labelKey: 'resources.nav', path: (id) => `/c/${id}/resources` },
  { key: 'journal', labelKey: 'journal.nav', path: (id) => `/c/${id}/journal` },
  { key: 'problems', labelKey: 'problems.nav', path: (id) => `/c/${id}/problems` },
  { key: 'people', labelKey: 'directory.nav', path: (id) => `/c/${id}/people` },
  { key: 'mentoring', labelKey: 'mentoring.nav', path: (id) => `/c/${id}/mentoring` },
  { key: 'members', labelKey: 'members.nav', path: (id) => `/c/${id}/members` },
  { key: 'meetings', labelKey: 'meetings.nav', path: (id) => `/c/${id}/meetings` },
  { key: 'governance', labelKey: 'governance.nav', path: (id) => `/c/${id}/proposals` },
  { key: 'participation', labelKey: 'participation.nav', path: (id) => `/c/${id}/participation` },
  { key: 'pd', labelKey: 'pd.nav', path: (id) => `/c/${id}/pd` },
  { key: 'search', labelKey: 'search.nav', path: (id) => `/c/${id}/search` },
  { key: 'notifications', labelKey: 'notifications.nav', path: (id) => `/c/${id}/notifications` },
  { key: 'analytics', labelKey: 'analytics.nav', path: (id) => `/c/${id}/analytics`, visible: (role) => role === 'facilitator' },
  { key: 'my-activity', labelKey: 'analytics.nav_mine', path: (id) => `/c/${id}/my-activity`, visible: (role) => role !== 'facilitator' },
];
