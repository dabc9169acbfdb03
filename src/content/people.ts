import { Op } from 'sequelize';
import { User, displayName } from '../users/model';

/**
 * Display names of many users in one query (list pages load authors once per page, never per
 * row). Names come from the LMS: templates escape them like any other text.
 */
export async function namesOf(ids: Array<number | null | undefined>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const users = await User.findAll({ where: { id: { [Op.in]: wanted } }, attributes: ['id', 'name', 'givenName', 'familyName', 'sub', 'erasedAt'] });
  return new Map(users.map((u) => [u.id, displayName(u)]));
}
