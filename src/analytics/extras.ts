/**
 * Per-member figures that other modules own (issue 7): participation points as the gradebook
 * counts them (the participation module's score, under the community's rules, as it keeps them
 * per member: src/participation/stored.ts) and the PD hours
 * approved for activities dated within the period (the PD ledger).
 */
import { Op, col, fn } from 'sequelize';
import type { Community } from '../kernel/community';
import { storedPoints } from '../participation/stored';
import { PdEntry } from '../pd/model';
import { hours } from '../pd/cycles';
import type { MemberExtras } from './features';
import type { Period } from './period';

/** Points and approved PD hours of the given memberships of one community (`'all'`: every membership not removed). */
export async function memberExtras(community: Pick<Community, 'id' | 'settings' | 'createdAt'>, members: number[] | 'all', period: Pick<Period, 'fromDate' | 'toDate'>): Promise<Map<number, MemberExtras>> {
  if (members !== 'all' && !members.length) return new Map();
  const [scores, pd] = await Promise.all([
    storedPoints(community, members),
    PdEntry.findAll({
      attributes: [[col('membership_id'), 'membershipId'], [fn('SUM', col('minutes')), 'minutes']],
      where: { communityId: community.id, ...(members === 'all' ? {} : { membershipId: members }), status: 'approved', date: { [Op.between]: [period.fromDate, period.toDate] } },
      group: [col('membership_id')],
      raw: true,
    }) as unknown as Promise<Array<{ membershipId: number; minutes: number | string }>>,
  ]);
  const minutes = new Map(pd.map((r) => [Number(r.membershipId), Number(r.minutes)]));
  const ids = members === 'all' ? [...scores.keys()] : members;
  return new Map(ids.map((id) => [id, { points: scores.get(id) ?? 0, pdHours: hours(minutes.get(id) ?? 0) }]));
}
