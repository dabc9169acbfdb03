/**
 * The community navigation, in display order. A feature adds one entry here; the layout renders
 * it (a route marks its own entry with `res.locals.navCurrent = key`).
 */
export interface NavItem {
  key: string;
  labelKey: string;
  path: (communityId: number) => string;
}

export const communityNav: NavItem[] = [
  { key: 'home', labelKey: 'nav.home', path: (id) => `/c/${id}` },
  { key: 'members', labelKey: 'members.nav', path: (id) => `/c/${id}/members` },
  { key: 'governance', labelKey: 'governance.nav', path: (id) => `/c/${id}/proposals` },
  { key: 'meetings', labelKey: 'meetings.nav', path: (id) => `/c/${id}/meetings` },
  { key: 'notifications', labelKey: 'notifications.nav', path: (id) => `/c/${id}/notifications` },
];
