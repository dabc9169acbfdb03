import { Op } from 'sequelize';
import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { Profile, MemberFollow, ProfileTag } from '../profiles/model';
import { Problem } from '../problems/model';
import { Mentorship } from '../mentoring/model';
import { Tagging } from '../content/model';
import { presentProblemRows } from '../problems/presenter';
import { recentContributions } from '../profiles/presenter';
import { Membership, effectiveRole } from '../communities/model';
import type { Actor } from '../content/actor';

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
  const [profile, waiting, myTags, toAnswer, follows] = await Promise.all([
    Profile.findOne({ where: { membershipId: m.id }, attributes: ['onboardedAt'] }),
    Problem.findAll({ where: { communityId: m.communityId, status: 'open' }, order: [['createdAt', 'DESC']], limit: 20 }),
    ProfileTag.findAll({ where: { membershipId: m.id, kind: 'expertise' }, attributes: ['tagId'] }),
    Mentorship.count({ where: { communityId: m.communityId, mentorId: m.id, status: 'requested' } }),
    MemberFollow.findAll({ where: { followerId: m.id }, attributes: ['followedId'] }),
  ]);
  const matching = await matchingThreads(waiting.map((p) => p.threadId), myTags.map((t) => t.tagId));
  const mine = (p: Problem) => p.authorMembershipId === m.id;
  const rows = await presentProblemRows(actor, waiting.filter((p) => !mine(p)).sort((a, b) => Number(matching.has(b.threadId)) - Number(matching.has(a.threadId))).slice(0, 5), url);
  const followedUsers = follows.length ? await Membership.findAll({ where: { id: { [Op.in]: follows.map((f) => f.followedId) }, communityId: m.communityId, status: 'active' }, attributes: ['userId'] }) : [];
  res.locals.peopleHome = {
    onboarding: !profile?.onboardedAt ? { href: url(`/c/${m.communityId}/welcome`) } : null,
    waiting: rows.map((r) => ({ ...r, matching: waiting.some((p) => p.id === r.id && matching.has(p.threadId)) })),
    problemsHref: url(`/c/${m.communityId}/problems`, { status: 'unanswered' }),
    newProblemHref: url(`/c/${m.communityId}/problems/new`),
    mentoring: toAnswer ? { count: toAnswer, href: url(`/c/${m.communityId}/mentoring`) } : null,
    following: follows.length ? await recentContributions(m.communityId, followedUsers.map((u) => u.userId), url, ctx.lang, 5) : null,
    directoryHref: url(`/c/${m.communityId}/people`),
  };
}

/** Which of these problem threads carry one of these tags. */
async function matchingThreads(threadIds: number[], tagIds: number[]): Promise<Set<number>> {
  if (threadIds.length === 0 || tagIds.length === 0) return new Set();
  const rows = await Tagging.findAll({ where: { subjectType: 'thread', subjectId: { [Op.in]: threadIds }, tagId: { [Op.in]: tagIds } }, attributes: ['subjectId'] });
  return new Set(rows.map((r) => r.subjectId));
}
