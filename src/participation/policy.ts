import type { RoleHolder } from '../kernel/actor';

/**
 * Who may do what with participation. Every member sees their own points and how they were
 * earned; only facilitators see others' points, change the rules, adjust, and drive the
 * gradebook sync (peers never watch each other's scores).
 */
export const participationPolicy = {
  viewOwn: ({ role }: RoleHolder) => role !== null,
  viewAll: ({ role }: RoleHolder) => role === 'facilitator',
  configure: ({ role }: RoleHolder) => role === 'facilitator',
  adjust: ({ role }: RoleHolder) => role === 'facilitator',
  sync: ({ role }: RoleHolder) => role === 'facilitator',
};

/** The participation policy evaluated for one role. */
export type ParticipationCan = { [K in keyof typeof participationPolicy]: boolean };

/** The `can` map views receive. */
export function participationCan(holder: RoleHolder): ParticipationCan {
  return Object.fromEntries(Object.entries(participationPolicy).map(([k, f]) => [k, f(holder)])) as ParticipationCan;
}
