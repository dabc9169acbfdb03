import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';

/** The active membership ids, in one community, of these user ids (posts name users; notifications want memberships). */
export async function membershipsOfUsers(communityId: number, userIds: Array<number | null | undefined>, transaction?: Transaction): Promise<Map<number, number>> {
  const ids = [...new Set(userIds.filter((id): id is number => typeof id === 'number'))];
  if (ids.length === 0) return new Map();
  const rows = await Membership.findAll({ where: { communityId, userId: { [Op.in]: ids }, status: 'active' }, attributes: ['id', 'userId'], transaction });
  return new Map(rows.map((m) => [m.userId, m.id]));
}

/** Keep only ids that are active memberships of the community (addressees chosen in a form are never trusted). */
export async function activeMembershipIds(communityId: number, ids: number[], transaction?: Transaction): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await Membership.findAll({ where: { communityId, id: { [Op.in]: ids }, status: 'active' }, attributes: ['id'], transaction });
  return rows.map((m) => m.id);
}
