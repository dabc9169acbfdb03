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
  { key: 'discussions', labelKey: 'discussions.nav', path: (id) => `/c/${id}/discussions` },
  { key: 'knowledge', labelKey: 'discussions.nav_knowledge', path: (id) => `/c/${id}/knowledge` },
  { key: 'journal', labelKey: 'journal.nav', path: (id) => `/c/${id}/journal` },
  { key: 'resources', labelKey: 'resources.nav', path: (id) => `/c/${id}/resources` },
  { key: 'search', labelKey: 'search.nav', path: (id) => `/c/${id}/search` },
];
