import type { CommunityRole } from '../kernel/roles';

/**
 * Who sees what. The dashboard, the per-member view and their exports are for the community's
 * facilitators only: members must not be able to watch each other's participation. Every
 * member (observers too) sees their own activity summary, which shows nothing of anyone else.
 */
export const analyticsPolicy = {
  viewDashboard: (role: CommunityRole | null) => role === 'facilitator',
  viewMembers: (role: CommunityRole | null) => role === 'facilitator',
  export: (role: CommunityRole | null) => role === 'facilitator',
  viewOwn: (role: CommunityRole | null) => role !== null,
};

export type AnalyticsCan = { [K in keyof typeof analyticsPolicy]: boolean };

/** The `can` map views receive. */
export function analyticsCan(role: CommunityRole | null): AnalyticsCan {
  return Object.fromEntries(Object.entries(analyticsPolicy).map(([k, f]) => [k, f(role)])) as AnalyticsCan;
}
