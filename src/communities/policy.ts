import type { CommunityRole } from '../kernel/roles';

/** Who may do what at the community level. Pure: (role) → boolean. */
export const communityPolicy = {
  view: (role: CommunityRole | null) => role !== null,
  seeInviteCode: (role: CommunityRole | null) => role === 'facilitator',
  setUpCourse: (role: CommunityRole | null) => role === 'facilitator',
  editSettings: (role: CommunityRole | null) => role === 'facilitator',
  contribute: (role: CommunityRole | null) => role !== null && role !== 'observer',
};

export type CommunityCan = { [K in keyof typeof communityPolicy]: boolean };

export function communityCan(role: CommunityRole | null): CommunityCan {
  return Object.fromEntries(Object.entries(communityPolicy).map(([k, f]) => [k, f(role)])) as CommunityCan;
}
