import type { ListedStatus } from './schemas';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Every address the members page links to: the status tabs, the pager, the roster sync and its progress. */
export function membersLinks(communityId: number, list: { status: ListedStatus; page: number }, url: Url) {
  const base = `/c/${communityId}/members`;
  const status = (s: ListedStatus) => (s === 'active' ? undefined : s);
  return {
    tabs: { active: url(base), invited: url(base, { status: 'invited' }), inactive: url(base, { status: 'inactive' }) } as Record<ListedStatus, string>,
    previous: url(base, { status: status(list.status), page: list.page - 1 }),
    next: url(base, { status: status(list.status), page: list.page + 1 }),
    sync: url(`${base}/sync`),
    syncStatus: url(`${base}/sync/status`),
  };
}
