/** Who is told of life in a mentoring pair: mentoring's rows of the notification table (notifications/coverage.ts). */
import type { CoverageRow, Delivery, EventFacts } from '../notifications/coverage';
import { Mentorship } from './model';

async function pairOf(f: EventFacts): Promise<Mentorship | null> {
  return f.activity.subjectId ? Mentorship.findOne({ where: { id: f.activity.subjectId, communityId: f.activity.communityId }, transaction: f.transaction }) : null;
}

/** The mentor's answer → the mentee. */
const answered = async (f: EventFacts): Promise<Delivery | null> => {
  const pair = await pairOf(f);
  if (!pair) return null;
  return { recipients: [pair.menteeId], actorMembershipId: f.activity.membershipId, params: {}, link: `/c/${f.activity.communityId}/mentoring/${pair.id}`, subject: { type: 'mentorship', id: pair.id } };
};

/** Life in a mentoring pair (a message, a new goal, a check-in) → the other side of the pair. */
const inPair = async (f: EventFacts): Promise<Delivery | null> => {
  if (f.activity.verb === 'mentoring.goal' && f.data.action !== 'add') return null;
  const pair = await pairOf(f);
  if (!pair) return null;
  const other = f.activity.membershipId === pair.mentorId ? pair.menteeId : pair.mentorId;
  return { recipients: [other], actorMembershipId: f.activity.membershipId, params: {}, link: `/c/${f.activity.communityId}/mentoring/${pair.id}`, subject: { type: 'mentorship', id: pair.id } };
};

export const mentoringCoverage: readonly CoverageRow[] = [
  { event: 'mentoring.request', kind: 'mentoring.request', audience: 'the mentor asked', sentBy: 'src/mentoring/service.ts' },
  { event: 'mentoring.accept', kind: 'mentoring.answered', context: 'accepted', audience: 'the mentee', sentBy: 'listener', resolve: answered },
  { event: 'mentoring.decline', kind: 'mentoring.answered', context: 'declined', audience: 'the mentee', sentBy: 'listener', resolve: answered },
  { event: 'mentoring.message', kind: 'mentoring.activity', context: 'message', audience: 'the other side of the pair', sentBy: 'listener', resolve: inPair },
  { event: 'mentoring.goal', kind: 'mentoring.activity', context: 'goal', audience: 'the other side of the pair (a new goal)', sentBy: 'listener', resolve: inPair },
  { event: 'mentoring.checkin', kind: 'mentoring.activity', context: 'checkin', audience: 'the other side of the pair', sentBy: 'listener', resolve: inPair },
];
