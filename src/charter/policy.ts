import type { CommunityRole } from '../kernel/roles';

/** Who may do what with the charter. Pure: (role, state) → boolean. */
export const charterPolicy = {
  /** Facilitators draft the first version; after that only an adopted amendment changes it. */
  draft: (role: CommunityRole | null, hasCharter: boolean) => charterPolicy.drafter(role) && !hasCharter,
  /** Who drafts a first version, when there is none yet. */
  drafter: (role: CommunityRole | null) => role === 'facilitator',
  /** Every member acknowledges the charter, observers included (reading it is not contributing). */
  acknowledge: (role: CommunityRole | null, hasCharter: boolean) => role !== null && hasCharter,
  /** Any member (not observers) may propose an amendment once a charter exists. */
  amend: (role: CommunityRole | null, hasCharter: boolean) => role !== null && role !== 'observer' && hasCharter,
};

export type CharterCan = { draft: boolean; acknowledge: boolean; amend: boolean };

export function charterCan(role: CommunityRole | null, hasCharter: boolean): CharterCan {
  return { draft: charterPolicy.draft(role, hasCharter), acknowledge: charterPolicy.acknowledge(role, hasCharter), amend: charterPolicy.amend(role, hasCharter) };
}
