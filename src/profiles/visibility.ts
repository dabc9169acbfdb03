import type { CommunityRole } from '../kernel/roles';
import { FIELD_VISIBILITIES, PROFILE_FIELDS, type FieldVisibility, type ProfileField } from './model';

/**
 * Who sees a profile field. Pure: the profile page, the directory (cards and filters) and the
 * who-can-help ranking all ask this one function, so a hidden field can never be read, filtered
 * on or ranked on by someone who may not see it.
 */
export interface Viewer {
  membershipId: number;
  role: CommunityRole;
}

/** A field nobody chose a level for is visible to the community (what a directory is for). */
export const DEFAULT_VISIBILITY: FieldVisibility = 'community';

/** The level of one field of a profile. */
export function levelOf(visibility: Partial<Record<ProfileField, FieldVisibility>> | null | undefined, field: ProfileField): FieldVisibility {
  const v = visibility?.[field];
  return v && FIELD_VISIBILITIES.includes(v) ? v : DEFAULT_VISIBILITY;
}

/** May `viewer` see a field at `level` on the profile of membership `ownerId`? The owner always sees their own. */
export function canSeeField(level: FieldVisibility, viewer: Viewer, ownerId: number): boolean {
  if (viewer.membershipId === ownerId) return true;
  if (level === 'community') return true;
  if (level === 'facilitators') return viewer.role === 'facilitator';
  return false;
}

/** The fields of one profile a viewer may see, as a set. */
export function visibleFields(visibility: Partial<Record<ProfileField, FieldVisibility>> | null | undefined, viewer: Viewer, ownerId: number): Set<ProfileField> {
  return new Set(PROFILE_FIELDS.filter((f) => canSeeField(levelOf(visibility, f), viewer, ownerId)));
}
