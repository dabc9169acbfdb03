import type { DirectoryQuery } from './schemas';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Every address the directory links to or sends its filters to. */
export function directoryLinks(communityId: number, membershipId: number, q: DirectoryQuery, url: Url) {
  const base = `/c/${communityId}/people`;
  return {
    people: url(base),
    members: url(`/c/${communityId}/members`),
    myProfile: url(`${base}/${membershipId}`),
    newProblem: url(`/c/${communityId}/problems/new`),
    /** Ask one helper: a problem addressed to them. */
    ask: (to: number) => url(`/c/${communityId}/problems/new`, { to }),
    pagerBase: { path: base, query: { tag: q.tag, experience: q.experience, cohort: q.cohort, role: q.role, q: q.q } },
  };
}
