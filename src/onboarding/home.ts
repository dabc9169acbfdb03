import { Op, QueryTypes } from 'sequelize';
import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { Problem } from '../problems/model';
import { Tagging } from '../content/model';
import { problemRowData, problemRowView } from '../problems/presenters';
import { cachedForCommunity } from '../web/community-cache';
import { recentContributions } from '../profiles/presenters';
import { Membership, effectiveRole } from '../kernel/community';
import type { Actor } from '../kernel/actor';

/**
 * The learning-and-solving part of the community home (a community hook, GET /c/:id only): the
 * welcome steps until the member has gone through them, problems still waiting for a first lead
 * (those matching the member's expertise marked), mentoring requests to answer, and what the
 * members I follow contributed lately.
 */
export async function peopleHomeHook(ctx: RequestContext, req: Request, res: Response): Promise<void> {
  if (req.method !== 'GET' || !/^\/c\/\d+\/?$/.test(req.path) || !ctx.membership || !ctx.community) return;
  const m = ctx.membership;
  const actor: Actor = { userId: ctx.user.id, membershipId: m.id, communityId: m.communityId, role: effectiveRole(m), lang: ctx.lang };
  const url = res.locals.url as (p: string, q?: Record<string, string | number | undefined>) => string;
  const [own, waiting] = await Promise.all([
    ownSections(m.id, m.communityId),
    // Problems waiting for a first lead are the same for every member: cached until the community changes.
    cachedForCommunity(m.communityId, 'home-problems', () => waitingProblems(m.communityId), m),
  ]);
  const matching = (p: WaitingProblem) => p.tagIds.some((id) => own.tags.has(id));
  const rows = waiting
    .filter((p) => p.authorMembershipId !== m.id)
    .sort((a, b) => Number(matching(b)) - Number(matching(a)))
    .slice(0, 5);
  res.locals.peopleHome = {
    onboarding: !own.onboarded ? { href: url(`/c/${m.communityId}/welcome`) } : null,
    waiting: rows.map((p) => ({ ...problemRowView(actor, p, url), matching: matching(p) })),
    problemsHref: url(`/c/${m.communityId}/problems`, { status: 'unanswered' }),
    newProblemHref: url(`/c/${m.communityId}/problems/new`),
    mentoring: own.toAnswer ? { count: own.toAnswer, href: url(`/c/${m.communityId}/mentoring`) } : null,
    following: own.follows ? await recentContributions(m.communityId, own.followedUsers, url, ctx.lang, 5) : null,
    directoryHref: url(`/c/${m.communityId}/people`),
  };
}

/**
 * The member's own part of the home in one plain statement: onboarded or not, mentoring requests
 * to answer, expertise tags (to put matching problems first) and the members they follow (their
 * user ids, those still active here).
 */
async function ownSections(membershipId: number, communityId: number) {
  const [row] = await Membership.sequelize!.query<{ onboarded: unknown; to_answer: number | string | null; tags: string | null; follows: number | string; followed: string | null }>(
    `SELECT (SELECT p.onboarded_at FROM profiles p WHERE p.membership_id = :m) AS onboarded,
       (SELECT COUNT(*) FROM mentorships x WHERE x.community_id = :c AND x.mentor_id = :m AND x.status = 'requested') AS to_answer,
       (SELECT GROUP_CONCAT(t.tag_id) FROM profile_tags t WHERE t.membership_id = :m AND t.kind = 'expertise') AS tags,
       (SELECT COUNT(*) FROM member_follows f WHERE f.follower_id = :m) AS follows,
       (SELECT GROUP_CONCAT(o.user_id) FROM member_follows f JOIN memberships o ON o.id = f.followed_id AND o.community_id = :c AND o.status = 'active' WHERE f.follower_id = :m) AS followed`,
    { type: QueryTypes.SELECT, replacements: { m: membershipId, c: communityId } },
  );
  const ids = (list: string | null) => (list ? String(list).split(',').map(Number) : []);
  return { onboarded: row.onboarded !== null && row.onboarded !== undefined, toAnswer: Number(row.to_answer ?? 0), tags: new Set(ids(row.tags)), follows: Number(row.follows), followedUsers: ids(row.followed) };
}

/** Open problems (the 20 latest) as rows, with the tags of their threads: what "waiting for leads" picks from. */
async function waitingProblems(communityId: number) {
  const open = await Problem.findAll({ where: { communityId, status: 'open' }, order: [['createdAt', 'DESC']], limit: 20 });
  const rows = await problemRowData(communityId, open);
  const taggings = rows.length ? await Tagging.findAll({ where: { subjectType: 'thread', subjectId: { [Op.in]: rows.map((r) => r.threadId) } }, attributes: ['subjectId', 'tagId'], raw: true }) : [];
  return rows.map((r) => ({ ...r, tagIds: taggings.filter((t) => t.subjectId === r.threadId).map((t) => t.tagId) }));
}

type WaitingProblem = Awaited<ReturnType<typeof waitingProblems>>[number];
