import type { RoleHolder } from '../kernel/actor';
import type { LaunchInfo } from '../sessions/model';
import type { PdEntry } from './model';

/**
 * Who may do what with PD hours. Members declare their own activities and see their own lines;
 * facilitators review declarations, enter hours by hand and withdraw mistaken lines; observers
 * only read their own. The institution report needs an institution administrator's launch.
 */
export const pdPolicy = {
  declare: ({ role }: RoleHolder) => role === 'member' || role === 'mentor' || role === 'facilitator',
  review: ({ role }: RoleHolder) => role === 'facilitator',
  addManual: ({ role }: RoleHolder) => role === 'facilitator',
  withdraw: ({ role }: RoleHolder) => role === 'facilitator',
  viewAll: ({ role }: RoleHolder) => role === 'facilitator',
};

/** A member may edit and resend only their own returned declaration. */
export function canResubmit(membershipId: number, entry: Pick<PdEntry, 'membershipId' | 'status' | 'source'>): boolean {
  return entry.membershipId === membershipId && entry.source === 'declared' && entry.status === 'returned';
}

/** A facilitator may review only a pending declaration, and never their own. */
export function canReview(holder: RoleHolder, membershipId: number, entry: Pick<PdEntry, 'membershipId' | 'status' | 'source'>): boolean {
  return pdPolicy.review(holder) && entry.source === 'declared' && entry.status === 'pending' && entry.membershipId !== membershipId;
}

/** A facilitator may withdraw any line not withdrawn yet. */
export function canWithdraw(holder: RoleHolder, entry: Pick<PdEntry, 'status'>): boolean {
  return pdPolicy.withdraw(holder) && entry.status !== 'withdrawn';
}

/** The institution report: only for a launch carrying an institution administrator role. */
export function canSeeInstitutionReport(launch: Pick<LaunchInfo, 'institutionAdmin'>): boolean {
  return launch.institutionAdmin === true;
}

/** The PD policy evaluated for one role. */
export type PdCan = { [K in keyof typeof pdPolicy]: boolean };

/** The `can` map views receive. */
export function pdCan(holder: RoleHolder): PdCan {
  return Object.fromEntries(Object.entries(pdPolicy).map(([k, f]) => [k, f(holder)])) as PdCan;
}
