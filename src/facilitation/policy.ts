import type { RoleHolder } from '../kernel/actor';

/** The to-do is the facilitators' (co-facilitators included): it lists work only they can settle. */
export const facilitationPolicy = {
  seeTodo: ({ role }: RoleHolder) => role === 'facilitator',
  setAside: ({ role }: RoleHolder) => role === 'facilitator',
};
