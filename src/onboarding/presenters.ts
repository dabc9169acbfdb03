import { linkedCard } from '../profiles/presenters';
import type { FollowSuggestion } from './suggest';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/** Every address the welcome page links to or posts to. */
export function welcomeLinks(communityId: number, url: Url) {
  const c = `/c/${communityId}`;
  return {
    acknowledge: url(`${c}/charter/acknowledge`),
    introduce: url(`${c}/welcome/introduce`),
    editProfile: url(`${c}/profile/edit`, { next: 'welcome' }),
    mentoring: url(`${c}/mentoring/new`),
    done: url(`${c}/welcome/done`),
  };
}

/** The members suggested to follow, each with its card's addresses and the follow form's. */
export function presentSuggestions(communityId: number, suggestions: FollowSuggestion[], url: Url) {
  return suggestions.map((s) => ({ ...s, card: linkedCard(s.card, communityId, url), followHref: url(`/c/${communityId}/people/${s.card.membershipId}/follow`) }));
}
