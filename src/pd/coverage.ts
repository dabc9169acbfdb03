/** Who is told of PD declarations and decisions: professional development's rows of the notification table (notifications/coverage.ts). */
import type { CoverageRow, Delivery, EventFacts } from '../notifications/coverage';
import { facilitators } from '../notifications/coverage';
import { PdEntry } from './model';

async function pdEntryOf(f: EventFacts): Promise<PdEntry | null> {
  return f.activity.subjectId ? PdEntry.findOne({ where: { id: f.activity.subjectId, communityId: f.activity.communityId }, transaction: f.transaction }) : null;
}

/** A declaration (new or sent again) → the community's facilitators, who decide on it. */
const declared = async (f: EventFacts): Promise<Delivery | null> => {
  const entry = await pdEntryOf(f);
  if (!entry) return null;
  const cid = f.activity.communityId;
  return { recipients: await facilitators(cid, f.transaction), actorMembershipId: f.activity.membershipId, params: { title: entry.title }, link: `/c/${cid}/pd`, subject: { type: 'pd_entry', id: entry.id } };
};

/** A facilitator's decision → the member who declared. */
const decided = async (f: EventFacts): Promise<Delivery | null> => {
  const entry = await pdEntryOf(f);
  if (!entry) return null;
  return { recipients: [entry.membershipId], actorMembershipId: f.activity.membershipId, params: { title: entry.title }, link: `/c/${f.activity.communityId}/pd`, subject: { type: 'pd_entry', id: entry.id } };
};

export const pdCoverage: readonly CoverageRow[] = [
  { event: 'pd.declare', kind: 'pd.declared', audience: 'facilitators', sentBy: 'listener', resolve: declared },
  { event: 'pd.resubmit', kind: 'pd.declared', context: 'resubmitted', audience: 'facilitators', sentBy: 'listener', resolve: declared },
  { event: 'pd.approve', kind: 'pd.approved', audience: 'the member who declared', sentBy: 'listener', resolve: decided },
  { event: 'pd.return', kind: 'pd.returned', audience: 'the member who declared', sentBy: 'listener', resolve: decided },
];
