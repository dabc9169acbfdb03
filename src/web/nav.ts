import type { CommunityRole } from '../kernel/roles';

/**
 * The community navigation, grouped by what members do (the stages of DESIGN.md): at most seven
 * top entries, each opening its first page; the pages of the current group show as a second row.
 * A feature adds its page to one group here; a route marks its own page with
 * `res.locals.navCurrent = key`. Notifications live behind the bell, search in the header's box.
 */
export interface NavItem {
  key: string;
  labelKey: string;
  path: (communityId: number) => string;
  /** Shown only when true for the viewer's role (default: shown to everyone). */
  visible?: (role: CommunityRole) => boolean;
}

export interface NavGroup {
  key: string;
  labelKey: string;
  items: NavItem[];
}

const facilitator = (role: CommunityRole) => role === 'facilitator';
const notFacilitator = (role: CommunityRole) => role !== 'facilitator';

export const communityNav: NavGroup[] = [
  { key: 'home', labelKey: 'nav.home', items: [{ key: 'home', labelKey: 'nav.home', path: (id) => `/c/${id}` }] },
  {
    key: 'share',
    labelKey: 'nav.share',
    items: [
      { key: 'discussions', labelKey: 'discussions.nav', path: (id) => `/c/${id}/discussions` },
      { key: 'resources', labelKey: 'resources.nav', path: (id) => `/c/${id}/resources` },
      { key: 'journal', labelKey: 'journal.nav', path: (id) => `/c/${id}/journal` },
    ],
  },
  {
    key: 'learn',
    labelKey: 'nav.learn',
    items: [
      { key: 'knowledge', labelKey: 'discussions.nav_knowledge', path: (id) => `/c/${id}/knowledge` },
      { key: 'problems', labelKey: 'problems.nav', path: (id) => `/c/${id}/problems` },
      // What members applied from what they learned and solved (value stories).
      { key: 'stories', labelKey: 'stories.nav', path: (id) => `/c/${id}/stories` },
      { key: 'people', labelKey: 'directory.nav', path: (id) => `/c/${id}/people` },
      { key: 'mentoring', labelKey: 'mentoring.nav', path: (id) => `/c/${id}/mentoring` },
    ],
  },
  {
    key: 'meet',
    labelKey: 'nav.meet',
    items: [
      { key: 'meetings', labelKey: 'meetings.nav', path: (id) => `/c/${id}/meetings` },
      { key: 'governance', labelKey: 'governance.nav', path: (id) => `/c/${id}/proposals` },
    ],
  },
  {
    key: 'me',
    labelKey: 'nav.me',
    items: [
      { key: 'profile', labelKey: 'nav.profile', path: (id) => `/c/${id}/profile` },
      { key: 'my-activity', labelKey: 'analytics.nav_mine', path: (id) => `/c/${id}/my-activity`, visible: notFacilitator },
      { key: 'participation', labelKey: 'participation.nav', path: (id) => `/c/${id}/participation`, visible: notFacilitator },
      { key: 'pd', labelKey: 'pd.nav', path: (id) => `/c/${id}/pd`, visible: notFacilitator },
      // Members answer here for their own contributions proposed to the public site.
      { key: 'showcase', labelKey: 'showcase.nav', path: (id) => `/c/${id}/showcase`, visible: notFacilitator },
      { key: 'notifications', labelKey: 'notifications.preferences_link', path: (id) => `/c/${id}/notifications/preferences` },
      { key: 'timezone', labelKey: 'meetings.tz_label', path: (id) => `/c/${id}/meetings/timezone` },
      { key: 'my-data', labelKey: 'privacy.nav', path: (id) => `/c/${id}/my-data` },
    ],
  },
  {
    key: 'facilitate',
    labelKey: 'nav.facilitate',
    items: [
      { key: 'analytics', labelKey: 'analytics.nav', path: (id) => `/c/${id}/analytics`, visible: facilitator },
      { key: 'members', labelKey: 'members.nav', path: (id) => `/c/${id}/members`, visible: facilitator },
      { key: 'participation', labelKey: 'participation.nav', path: (id) => `/c/${id}/participation`, visible: facilitator },
      { key: 'pd', labelKey: 'pd.nav', path: (id) => `/c/${id}/pd`, visible: facilitator },
      { key: 'value', labelKey: 'value.nav', path: (id) => `/c/${id}/value`, visible: facilitator },
      { key: 'showcase', labelKey: 'showcase.nav', path: (id) => `/c/${id}/showcase`, visible: facilitator },
      { key: 'settings', labelKey: 'settings.nav', path: (id) => `/c/${id}/settings`, visible: facilitator },
    ],
  },
];

export interface RenderedNavGroup {
  key: string;
  label: string;
  href: string;
  items: Array<{ key: string; label: string; href: string }>;
}

/** The groups and pages a role sees, labelled and addressed; a group with no page for the role is left out. */
export function navFor(role: CommunityRole, communityId: number, t: (key: string) => string, url: (path: string) => string): RenderedNavGroup[] {
  return communityNav
    .map((g) => ({
      key: g.key,
      label: t(g.labelKey),
      items: g.items.filter((i) => !i.visible || i.visible(role)).map((i) => ({ key: i.key, label: t(i.labelKey), href: url(i.path(communityId)) })),
    }))
    .filter((g) => g.items.length > 0)
    .map((g) => ({ ...g, href: g.items[0].href }));
}
