import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { todoFor } from './todo';
import { facilitationPolicy } from './policy';
import { currentStage } from '../analytics/digest';
import { cachedForCommunity } from '../web/community-cache';
import { relativeView } from '../content/dates';

/**
 * The "To do" section of a facilitator's community home (a community hook, GET /c/:id only):
 * the entries of src/facilitation/todo.ts as plain data with their links, and the community's
 * stage in one line with the dashboard's address.
 */
export async function facilitationHomeHook(ctx: RequestContext, req: Request, res: Response): Promise<void> {
  if (req.method !== 'GET' || !/^\/c\/\d+\/?$/.test(req.path) || !ctx.membership || !ctx.community || !facilitationPolicy.seeTodo({ role: ctx.role ?? null })) return;
  const url = res.locals.url as (p: string, q?: Record<string, string | number | undefined>) => string;
  const communityId = ctx.community.id;
  const now = new Date();
  // The stage reads 4 weeks of the log: the same for every facilitator, cached until the log moves.
  const [entries, stage] = await Promise.all([
    todoFor({ communityId, membershipId: ctx.membership.id }, now),
    cachedForCommunity(communityId, 'stage', async () => (await currentStage(communityId, now))?.stage ?? null, ctx.membership),
  ]);
  res.locals.todo = {
    entries: entries.map((e) => ({ key: e.key, kind: e.kind, context: e.context, params: e.params, href: url(e.path, e.query), since: relativeView(e.since, ctx.lang, now) })),
    action: url(`/c/${communityId}/todo`),
    stage,
    dashboardHref: url(`/c/${communityId}/analytics`),
  };
}
