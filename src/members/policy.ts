import type { RoleHolder } from '../kernel/actor';

/**
 * Who sees what on the members page. Everyone (observers included) sees the active members and
 * their role. Who was invited from the roster but never came, who left the course, e-mails, last
 * launches and sources are a facilitator's business only: peers should not be able to watch who
 * participates (a privacy choice, see the report).
 */
export const membersPolicy = {
  view: ({ role }: RoleHolder) => role !== null,
  seeAllStatuses: ({ role }: RoleHolder) => role === 'facilitator',
  seeDetails: ({ role }: RoleHolder) => role === 'facilitator',
  syncRoster: ({ role }: RoleHolder) => role === 'facilitator',
};

/** The members policy evaluated for one role. */
export type MembersCan = { [K in keyof typeof membersPolicy]: boolean };

/** The `can` map views receive. */
export function membersCan(holder: RoleHolder): MembersCan {
  return Object.fromEntries(Object.entries(membersPolicy).map(([k, f]) => [k, f(holder)])) as MembersCan;
}
