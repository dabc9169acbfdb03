import type { Actor } from '../kernel/actor';

/**
 * The value report is the facilitators' account to the institutions that release their staff:
 * facilitators only (an institution administrator's own view is reached from the institution
 * pages). It names the authors of stories, never anyone's participation.
 */
export const valuePolicy = {
  view: (a: Pick<Actor, 'role'>) => a.role === 'facilitator',
};
