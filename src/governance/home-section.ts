import { Op } from 'sequelize';
import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { Proposal } from './model';
import { Meeting } from '../meetings/model';
import { currentCharter } from '../charter/service';
import { formatInZone, userTimeZone } from '../meetings/time';

/**
 * The governance and meetings section of the community home: the charter, open proposals and
 * the next meeting. Runs only on the home page (GET /c/:id), as a community hook.
 */
export async function governanceHomeHook(ctx: RequestContext, req: Request, res: Response): Promise<void> {
  if (req.method !== 'GET' || !/^\/c\/\d+\/?$/.test(req.path) || !ctx.community) return;
  const communityId = ctx.community.id;
  const url = res.locals.url as (p: string) => string;
  const now = new Date();
  const [charter, open, next, zone] = await Promise.all([
    currentCharter(communityId),
    Proposal.findAll({ where: { communityId, status: 'open' }, order: [['deadline', 'ASC']], limit: 3, attributes: ['id', 'title', 'deadline'] }),
    Meeting.findOne({ where: { communityId, status: 'scheduled', startsAt: { [Op.gte]: new Date(now.getTime() - 3 * 3600_000) } }, order: [['startsAt', 'ASC']] }),
    userTimeZone(ctx.user.id),
  ]);
  res.locals.governanceHome = {
    charterVersion: charter?.version ?? null,
    charterHref: url(`/c/${communityId}/charter`),
    proposalsHref: url(`/c/${communityId}/proposals`),
    meetingsHref: url(`/c/${communityId}/meetings`),
    openProposals: open.map((p) => ({ title: p.title, href: url(`/c/${communityId}/proposals/${p.id}`), deadline: formatInZone(p.deadline, zone, ctx.lang) })),
    nextMeeting: next ? { title: next.title, href: url(`/c/${communityId}/meetings/${next.id}`), when: formatInZone(next.startsAt, zone, ctx.lang) } : null,
  };
}
