import type { CommunityRole } from '../kernel/roles';

/**
 * Who may do what with participation. Every member sees their own points and how they were
 * earned; only facilitators see others' points, change the rules, adjust, and drive the
 * gradebook sync (peers never watch each other's scores).
 */
export const participationPolicy = {
  viewOwn: (role: CommunityRole | null) => role !== null,
  viewAll: (role: CommunityRole | null) => role === 'facilitator',
  configure: (role: CommunityRole | null) => role === 'facilitator',
  adjust: (role: CommunityRole | null) => role === 'facilitator',
  sync: (role: CommunityRole | null) => role === 'facilitator',
};

/** The participation policy evaluated for one role. */
export type ParticipationCan = { [K in keyof typeof participationPolicy]: boolean };

/** The `can` map views receive. */
export function participationCan(role: CommunityRole | null): ParticipationCan {
  return Object.fromEntries(Object.entries(participationPolicy).map(([k, f]) => [k, f(role)])) as ParticipationCan;
}
