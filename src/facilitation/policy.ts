import type { CommunityRole } from '../kernel/roles';

/** The to-do is the facilitators' (co-facilitators included): it lists work only they can settle. */
export const facilitationPolicy = {
  seeTodo: (role: CommunityRole | null | undefined) => role === 'facilitator',
  setAside: (role: CommunityRole | null | undefined) => role === 'facilitator',
};
