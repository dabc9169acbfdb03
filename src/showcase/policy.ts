import { facilitates, type PolicyActor } from '../discussions/policy';
import type { ShowcaseItem } from './model';

/**
 * The public showcase. Facilitators set it up, propose contributions and publish them — never
 * without the author's consent; the author alone answers for their contribution, and may take
 * their consent back at any time (the item leaves the public site at once). Every member sees
 * the showcase page of their community.
 */
export const showcasePolicy = {
  manage: (a: PolicyActor) => facilitates(a),
  answer: (a: PolicyActor, item: Pick<ShowcaseItem, 'authorId'>) => a.role !== 'observer' && item.authorId === a.userId,
};

/** May this item be published? Its author said yes (with or without their name). */
export function consented(item: Pick<ShowcaseItem, 'consent'>): boolean {
  return item.consent === 'named' || item.consent === 'anonymous';
}
