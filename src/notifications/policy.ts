import type { CommunityRole } from '../kernel/roles';

/**
 * Who may do what with notifications. Pure: (role, ownership) → boolean. Everyone with a
 * membership reads and manages their OWN notifications and preferences (observers too: they
 * may be mentioned); nobody reads anyone else's.
 */
export const notificationPolicy = {
  viewOwn: (role: CommunityRole | null) => role !== null,
  open: (role: CommunityRole | null, own: boolean) => role !== null && own,
  editPreferences: (role: CommunityRole | null) => role !== null,
  /** The weekly facilitators' digest is offered to facilitators only. */
  facilitatorDigest: (role: CommunityRole | null) => role === 'facilitator',
};
