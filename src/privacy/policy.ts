import type { CommunityRole } from '../kernel/roles';

/**
 * Privacy rights: every member (observers too) sees, downloads and asks to erase their own data;
 * facilitators confirm erasure requests of their community's members (never their own).
 */
export const privacyPolicy = {
  ownData: (role: CommunityRole | null) => role !== null,
  confirmErasure: (role: CommunityRole | null, actorUserId: number, requesterUserId: number) => role === 'facilitator' && actorUserId !== requesterUserId,
  seeRequests: (role: CommunityRole | null) => role === 'facilitator',
};
