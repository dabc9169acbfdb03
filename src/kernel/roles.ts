/**
 * The community's roles (DESIGN.md "Roles"): what a member may do in one community. They come
 * from the LMS (the launch's and the roster's LIS roles, parsed in `lti/roles.ts`), but every
 * feature speaks of them in these words, without knowing LTI.
 */
export type CommunityRole = 'facilitator' | 'mentor' | 'member' | 'observer';

/** Higher outranks lower: the highest of a person's roles wins. */
export const ROLE_RANK: Record<CommunityRole, number> = { observer: 0, member: 1, mentor: 2, facilitator: 3 };
