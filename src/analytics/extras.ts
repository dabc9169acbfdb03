import type { Community } from '../communities/model';
import type { MemberExtras } from './features';

/**
 * Points and PD hours of the given memberships, from the participation and PD modules (issue 7).
 * Those modules are not on main yet: every member gets nulls and the pages leave the columns out.
 */
export async function memberExtras(community: Pick<Community, 'id' | 'settings' | 'createdAt'>, membershipIds: number[]): Promise<Map<number, MemberExtras>> {
  void community;
  return new Map(membershipIds.map((id) => [id, { points: null, pdHours: null }]));
}
