import { fn, col, Op } from 'sequelize';
import { Community, Cohort, Membership, effectiveRole } from './model';
import { Activity } from '../activity/model';
import { User, displayName } from '../users/model';
import { formatInviteCode } from './service';
import { communityCan } from './policy';
import type { CommunityRole } from '../lti/roles';
import { sharingHome } from '../content/home-feed';

/** Note a visit to the community home; the previous visit anchors "new since your last visit". */
export async function noteVisit(membership: Membership): Promise<void> {
  const now = new Date();
  const last = membership.lastVisitAt;
  // A visit is a gap of 30 minutes or more; page-to-page navigation is not a new visit.
  if (last && now.getTime() - last.getTime() < 30 * 60_000) return;
  await membership.update({ previousVisitAt: last ?? null, lastVisitAt: now });
}

/** Plain data for the community home page (templates never get model instances). */
export async function communityHome(community: Community, membership: Membership, user: User) {
  const role: CommunityRole = effectiveRole(membership);
  const [cohorts, counts, recent, sharing] = await Promise.all([
    Cohort.findAll({ where: { communityId: community.id }, order: [['id', 'ASC']], attributes: ['id', 'contextTitle', 'contextLabel'] }),
    Membership.findAll({
      where: { communityId: community.id, status: { [Op.in]: ['active', 'invited'] } },
      attributes: ['role', [fn('COUNT', col('id')), 'n']],
      group: ['role'],
      raw: true,
    }) as unknown as Promise<Array<{ role: CommunityRole; n: number }>>,
    Activity.findAll({
      where: { communityId: community.id, verb: { [Op.in]: ['community.create', 'cohort.join', 'member.join'] } },
      order: [['id', 'DESC']],
      limit: 10,
    }),
    sharingHome(membership, user.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en'),
  ]);
  const users = recent.length ? await User.findAll({ where: { id: recent.map((a) => a.userId).filter((x): x is number => x !== null) } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const memberCounts: Record<CommunityRole, number> = { facilitator: 0, mentor: 0, member: 0, observer: 0 };
  for (const c of counts) memberCounts[c.role] = Number(c.n);
  return {
    greetingName: displayName(user),
    role,
    can: communityCan(role),
    community: {
      id: community.id,
      title: community.title,
      purpose: community.purpose,
      inviteCode: formatInviteCode(community.inviteCode),
    },
    cohorts: cohorts.map((c) => ({ id: c.id, title: c.contextTitle ?? c.contextLabel ?? `#${c.id}` })),
    memberCounts,
    firstVisit: !membership.previousVisitAt,
    sharing,
    recent: recent.map((a) => ({
      verb: a.verb,
      at: a.createdAt.toISOString(),
      who: byId.has(a.userId ?? -1) ? displayName(byId.get(a.userId!)!) : '',
    })),
  };
}
