type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** The setup page's addresses (its forms post to bare paths, as they always have). */
export function setupLinks(url: Url) {
  return { privacy: url('/privacy'), continue: '/setup/continue', create: '/setup/create', join: '/setup/join' };
}

/** The community settings form's address. */
export function settingsLinks(communityId: number, url: Url) {
  return { save: url(`/c/${communityId}/settings`) };
}

/** The Deep Linking page's forms post to a bare path, as the setup page's do. */
export function deepLinkingLinks() {
  return { choose: '/deep-linking' };
}
