import type { RoleHolder } from '../kernel/actor';

/**
 * Privacy rights: every member (observers too) sees, downloads and asks to erase their own data;
 * facilitators confirm erasure requests of their community's members (never their own).
 */
export const privacyPolicy = {
  ownData: ({ role }: RoleHolder) => role !== null,
  confirmErasure: ({ role }: RoleHolder, actorUserId: number, requesterUserId: number) => role === 'facilitator' && actorUserId !== requesterUserId,
  seeRequests: ({ role }: RoleHolder) => role === 'facilitator',
};
