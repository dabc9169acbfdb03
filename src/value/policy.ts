import type { CommunityRole } from '../kernel/roles';

/**
 * The value report is the facilitators' account to the institutions that release their staff:
 * facilitators only (an institution administrator's own view is reached from the institution
 * pages). It names the authors of stories, never anyone's participation.
 */
export const valuePolicy = {
  view: (role: CommunityRole | null) => role === 'facilitator',
};
