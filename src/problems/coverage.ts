/** Who is told of help requests: the solving rows of the notification table (notifications/coverage.ts). */
import type { CoverageRow, Delivery, EventFacts } from '../notifications/coverage';
import { num } from '../notifications/coverage';
import { threadTitle } from '../discussions/notify';

/** A lead accepted as the solution → the lead's author. */
const solutionAccepted = async (f: EventFacts): Promise<Delivery | null> => {
  const author = num(f.data.authorMembershipId);
  const threadId = num(f.data.threadId);
  if (!author || !threadId) return null;
  return { recipients: [author], actorMembershipId: f.activity.membershipId, params: { title: await threadTitle(f, threadId) }, link: `/c/${f.activity.communityId}/problems/${threadId}`, subject: { type: 'post', id: f.activity.subjectId ?? 0 } };
};

export const problemCoverage: readonly CoverageRow[] = [
  { event: 'problem.create', kind: 'problem.addressed', audience: 'members the author asked', sentBy: 'src/problems/create.ts' },
  { event: 'problem.create', kind: 'problem.matching', audience: 'members whose expertise matches the tags', sentBy: 'src/problems/create.ts' },
  { event: 'lead.create', kind: 'reply', context: 'lead', audience: "the request's author (“a lead on your request”)", sentBy: 'src/discussions/notify.ts' },
  { event: 'solution.accept', kind: 'problem.accepted', audience: "the lead's author", sentBy: 'listener', resolve: solutionAccepted },
];
