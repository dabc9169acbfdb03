import type { RoleHolder } from '../kernel/actor';

/**
 * Who sees what. The dashboard, the per-member view and their exports are for the community's
 * facilitators only: members must not be able to watch each other's participation. Every
 * member (observers too) sees their own activity summary, which shows nothing of anyone else.
 */
export const analyticsPolicy = {
  viewDashboard: ({ role }: RoleHolder) => role === 'facilitator',
  viewMembers: ({ role }: RoleHolder) => role === 'facilitator',
  export: ({ role }: RoleHolder) => role === 'facilitator',
  viewOwn: ({ role }: RoleHolder) => role !== null,
};

export type AnalyticsCan = { [K in keyof typeof analyticsPolicy]: boolean };

/** The `can` map views receive. */
export function analyticsCan(holder: RoleHolder): AnalyticsCan {
  return Object.fromEntries(Object.entries(analyticsPolicy).map(([k, f]) => [k, f(holder)])) as AnalyticsCan;
}
