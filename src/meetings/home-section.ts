import { Op } from 'sequelize';
import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { Proposal } from '../governance/model';
import { Meeting } from './model';
import { currentCharter } from '../charter/service';
import { formatInZone } from '../content/time';
import { cachedForCommunity } from '../web/community-cache';
import { currentZone } from '../content/zone';

/**
 * The governance and meetings section of the community home: the charter, open proposals and
 * the next meeting. Runs only on the home page (GET /c/:id), as a community hook. It lives with
 * meetings, the highest of the three: meetings build on governance (proposals on an agenda),
 * governance on the charter (amendments), never the other way round.
 */
export async function governanceHomeHook(ctx: RequestContext, req: Request, res: Response): Promise<void> {
  if (req.method !== 'GET' || !/^\/c\/\d+\/?$/.test(req.path) || !ctx.community) return;
  const communityId = ctx.community.id;
  const url = res.locals.url as (p: string) => string;
  // The same for every member: cached until the community's activity log moves (web/community-cache.ts).
  const shared = await cachedForCommunity(communityId, 'governance-home', () => sharedSection(communityId), ctx.membership);
  const zone = currentZone();
  res.locals.governanceHome = {
    charterVersion: shared.charterVersion,
    charterHref: url(`/c/${communityId}/charter`),
    proposalsHref: url(`/c/${communityId}/proposals`),
    meetingsHref: url(`/c/${communityId}/meetings`),
    openProposals: shared.open.map((p) => ({ title: p.title, href: url(`/c/${communityId}/proposals/${p.id}`), deadline: formatInZone(p.deadline, zone, ctx.lang) })),
    nextMeeting: shared.next ? { title: shared.next.title, href: url(`/c/${communityId}/meetings/${shared.next.id}`), when: formatInZone(shared.next.startsAt, zone, ctx.lang) } : null,
  };
}

/** The charter's version, the three open proposals due first and the next meeting (plain data). */
async function sharedSection(communityId: number) {
  const now = new Date();
  const [charter, open, next] = await Promise.all([
    currentCharter(communityId),
    Proposal.findAll({ where: { communityId, status: 'open' }, order: [['deadline', 'ASC']], limit: 3, attributes: ['id', 'title', 'deadline'] }),
    Meeting.findOne({ where: { communityId, status: 'scheduled', startsAt: { [Op.gte]: new Date(now.getTime() - 3 * 3600_000) } }, order: [['startsAt', 'ASC']] }),
  ]);
  return {
    charterVersion: charter?.version ?? null,
    open: open.map((p) => ({ id: p.id, title: p.title, deadline: p.deadline })),
    next: next ? { id: next.id, title: next.title, startsAt: next.startsAt } : null,
  };
}
