/**
 * Videos a resource may embed in a frame, from the hosts an institution allows (VIDEO_EMBED_HOSTS):
 * YouTube links become YouTube's privacy-enhanced player (www.youtube-nocookie.com) and Vimeo links
 * Vimeo's player, when those hosts are allowed; a link already on an allowed host (e.g. the
 * institution's own streaming host) is framed as is. https only; anything else stays a link.
 */
export function embedUrl(link: string | null, hosts: string[]): string | null {
  if (!link || !URL.canParse(link)) return null;
  const u = new URL(link);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.toLowerCase();
  const id = /^[A-Za-z0-9_-]{6,20}$/;
  if (hosts.includes('www.youtube-nocookie.com')) {
    const yt = ['youtube.com', 'www.youtube.com', 'm.youtube.com'].includes(host) ? (u.pathname === '/watch' ? u.searchParams.get('v') : /^\/(?:embed|shorts)\/([^/]+)/.exec(u.pathname)?.[1]) : host === 'youtu.be' ? u.pathname.slice(1) : null;
    if (yt && id.test(yt)) return `https://www.youtube-nocookie.com/embed/${yt}`;
  }
  if (hosts.includes('player.vimeo.com') && ['vimeo.com', 'www.vimeo.com'].includes(host)) {
    const vid = /^\/(\d{1,12})$/.exec(u.pathname)?.[1];
    if (vid) return `https://player.vimeo.com/video/${vid}`;
  }
  if (u.protocol === 'https:' && hosts.includes(u.host.toLowerCase()) && !u.username && !u.password) return u.href;
  return null;
}

