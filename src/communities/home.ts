import { fn, col, Op } from 'sequelize';
import { Community, Cohort, Membership, effectiveRole } from '../kernel/community';
import { Activity } from '../activity/model';
import { User, displayName } from '../users/model';
import { formatInviteCode } from './service';
import { communityCan } from './policy';
import type { CommunityRole } from '../kernel/roles';
import { sharingHome, latestInCommunity } from './home-feed';
import { cachedForCommunity } from '../web/community-cache';
import { relativeView } from '../content/dates';

/** Note a visit to the community home; the previous visit anchors "new since your last visit". */
export async function noteVisit(membership: Membership): Promise<void> {
  const now = new Date();
  const last = membership.lastVisitAt;
  // A visit is a gap of 30 minutes or more; page-to-page navigation is not a new visit.
  if (last && now.getTime() - last.getTime() < 30 * 60_000) return;
  await membership.update({ previousVisitAt: last ?? null, lastVisitAt: now });
}

/**
 * What the home shows the same to every member — courses, member counts, latest joins, latest
 * conversations — cached per community until its activity log moves (web/community-cache.ts).
 */
async function sharedHome(communityId: number) {
  const [cohorts, counts, recent, latest] = await Promise.all([
    Cohort.findAll({ where: { communityId }, order: [['id', 'ASC']], attributes: ['id', 'contextTitle', 'contextLabel'] }),
    Membership.findAll({
      where: { communityId, status: { [Op.in]: ['active', 'invited'] } },
      attributes: ['role', [fn('COUNT', col('id')), 'n']],
      group: ['role'],
      raw: true,
    }) as unknown as Promise<Array<{ role: CommunityRole; n: number }>>,
    Activity.findAll({
      where: { communityId, verb: { [Op.in]: RECENT_VERBS } },
      order: [['id', 'DESC']],
      limit: 10,
    }),
    latestInCommunity(communityId),
  ]);
  const users = recent.length ? await User.findAll({ where: { id: recent.map((a) => a.userId).filter((x): x is number => x !== null) } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const memberCounts: Record<CommunityRole, number> = { facilitator: 0, mentor: 0, member: 0, observer: 0 };
  for (const c of counts) memberCounts[c.role] = Number(c.n);
  return {
    cohorts: cohorts.map((c) => ({ id: c.id, title: c.contextTitle ?? c.contextLabel ?? `#${c.id}` })),
    memberCounts,
    recent: recent.map((a) => ({ verb: a.verb, at: a.createdAt.toISOString(), who: byId.has(a.userId ?? -1) ? displayName(byId.get(a.userId!)!) : '' })),
    latest,
  };
}

/**
 * What "Recent activity" shows: contributions everyone may see, and arrivals. Not private
 * traces: journal entries (some are private), mentoring (the pair's), votes (some are anonymous).
 */
export const RECENT_VERBS = [
  'community.create', 'cohort.join', 'member.join',
  'thread.create', 'post.reply', 'post.knowledge', 'post.rise_above', 'comment.create',
  'resource.share', 'resource.endorse',
  'problem.create', 'lead.create', 'solution.accept', 'problem.resolve',
  'charter.draft', 'proposal.open', 'meeting.schedule', 'meeting.minutes',
];

/** Plain data for the community home page (templates never get model instances). */
export async function communityHome(community: Community, membership: Membership, user: User, now = new Date()) {
  const role: CommunityRole = effectiveRole(membership);
  // The membership object lives as long as the request: the community's version is read once for it.
  const pending = cachedForCommunity(community.id, 'home', () => sharedHome(community.id), membership);
  const lang = user.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const [shared, sharing] = await Promise.all([pending, sharingHome(membership, lang, pending.then((x) => x.latest))]);
  return {
    greetingName: displayName(user),
    role,
    can: communityCan({ role }),
    community: {
      id: community.id,
      title: community.title,
      purpose: community.purpose,
      inviteCode: formatInviteCode(community.inviteCode),
    },
    cohorts: shared.cohorts,
    memberCounts: shared.memberCounts,
    firstVisit: !membership.previousVisitAt,
    sharing,
    // Relative to the moment of reading ("2 hours ago"): computed per request, the list itself is cached.
    recent: shared.recent.map((a) => ({ ...a, when: relativeView(a.at, lang, now)! })),
  };
}
