import { Op, fn, col } from 'sequelize';
import { Post, Thread } from '../discussions/model';
import { MemberFollow } from '../profiles/model';
import { cardFor, type MemberCard, type MemberRecord } from '../profiles/members';
import type { Viewer } from '../profiles/visibility';

export interface FollowSuggestion {
  card: MemberCard;
  why: 'shared' | 'facilitator' | 'active';
  shared: string[];
}

/**
 * Two or three members a newcomer could follow: those whose visible expertise matches what the
 * newcomer wants to learn, then the community's facilitators and mentors (they know the place),
 * then the most active contributors, then anyone (so a young community still offers two or three).
 * Members already followed are not suggested again.
 */
export async function followSuggestions(communityId: number, viewer: Viewer, records: MemberRecord[], limit = 3): Promise<FollowSuggestion[]> {
  const me = records.find((r) => r.membershipId === viewer.membershipId);
  const followed = new Set((await MemberFollow.findAll({ where: { followerId: viewer.membershipId }, attributes: ['followedId'] })).map((f) => f.followedId));
  const pool = records.filter((r) => r.membershipId !== viewer.membershipId && !followed.has(r.membershipId) && r.role !== 'observer');
  const activity = await postCounts(communityId, pool.map((r) => r.userId));
  const wanted = new Set(me?.tags.learning.map((t) => t.slug) ?? []);
  const scored = pool.map((r) => {
    const card = cardFor(r, viewer);
    const shared = card.expertise.filter((t) => wanted.has(t.slug)).map((t) => t.label);
    const why: FollowSuggestion['why'] = shared.length ? 'shared' : r.role === 'facilitator' || r.role === 'mentor' ? 'facilitator' : 'active';
    const rank = shared.length * 100 + (why === 'facilitator' ? 50 : 0) + Math.min(activity.get(r.userId) ?? 0, 49);
    return { card, why, shared, rank };
  });
  // Anyone may fill the list (a young community has few contributors yet): the best reasons come first.
  return scored
    .sort((a, b) => b.rank - a.rank || a.card.name.localeCompare(b.card.name, 'fr'))
    .slice(0, limit)
    .map(({ card, why, shared }) => ({ card, why, shared }));
}

/** Posts anyone may read, per author (one grouped query). */
async function postCounts(communityId: number, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = (await Post.findAll({
    where: { communityId, authorId: { [Op.in]: userIds }, deletedAt: null, hiddenAt: null },
    // Only what anyone may read counts (no private journal entry): the order must not hint at it.
    include: [{ model: Thread, as: 'thread', attributes: [], where: { visibility: 'community', deletedAt: null } }],
    attributes: ['authorId', [fn('COUNT', col('Post.id')), 'n']],
    group: ['authorId'],
    raw: true,
  })) as unknown as Array<{ authorId: number; n: number }>;
  return new Map(rows.map((r) => [r.authorId, Number(r.n)]));
}
