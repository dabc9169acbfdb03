import type { RoleHolder } from '../kernel/actor';

/**
 * Who may do what with notifications. Pure: (role, ownership) → boolean. Everyone with a
 * membership reads and manages their OWN notifications and preferences (observers too: they
 * may be mentioned); nobody reads anyone else's.
 */
export const notificationPolicy = {
  viewOwn: ({ role }: RoleHolder) => role !== null,
  open: ({ role }: RoleHolder, own: boolean) => role !== null && own,
  editPreferences: ({ role }: RoleHolder) => role !== null,
  /** The weekly facilitators' digest is offered to facilitators only. */
  facilitatorDigest: ({ role }: RoleHolder) => role === 'facilitator',
};
