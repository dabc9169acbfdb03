import type { RoleHolder } from '../kernel/actor';

/** Who may do what with the charter. Pure: (role, state) → boolean. */
export const charterPolicy = {
  /** Facilitators draft the first version; after that only an adopted amendment changes it. */
  draft: ({ role }: RoleHolder, hasCharter: boolean) => charterPolicy.drafter({ role }) && !hasCharter,
  /** Who drafts a first version, when there is none yet. */
  drafter: ({ role }: RoleHolder) => role === 'facilitator',
  /** Every member acknowledges the charter, observers included (reading it is not contributing). */
  acknowledge: ({ role }: RoleHolder, hasCharter: boolean) => role !== null && hasCharter,
  /** Any member (not observers) may propose an amendment once a charter exists. */
  amend: ({ role }: RoleHolder, hasCharter: boolean) => role !== null && role !== 'observer' && hasCharter,
};

export type CharterCan = { draft: boolean; acknowledge: boolean; amend: boolean };

export function charterCan(holder: RoleHolder, hasCharter: boolean): CharterCan {
  return { draft: charterPolicy.draft(holder, hasCharter), acknowledge: charterPolicy.acknowledge(holder, hasCharter), amend: charterPolicy.amend(holder, hasCharter) };
}
