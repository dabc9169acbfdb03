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
  { key: 'participation', labelKey: 'participation.nav', path: (id) => `/c/${id}/participation` },
  { key: 'pd', labelKey: 'pd.nav', path: (id) => `/c/${id}/pd` },
];
