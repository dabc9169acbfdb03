/** Who is told of proposals: governance's rows of the notification table (notifications/coverage.ts), all sent by governance's own files. */
import type { CoverageRow } from '../notifications/coverage';

export const governanceCoverage: readonly CoverageRow[] = [
  { event: 'proposal.open', kind: 'proposal.opened', audience: 'members who can vote', sentBy: 'src/governance/notifications.ts' },
  { event: 'job: proposal closing', kind: 'proposal.closing', audience: 'members who have not voted yet', sentBy: 'src/governance/closing-soon.ts' },
  { event: 'proposal.decided', kind: 'proposal.decided', audience: 'the whole community', sentBy: 'src/governance/notifications.ts' },
];
