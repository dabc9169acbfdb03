import type { Request, Response } from 'express';
import type { RequestContext } from './context';
import { charterBannerHook } from '../charter/banner';
import { governanceHomeHook } from '../governance/home-section';
import { bellFor } from '../notifications/bell';
import { peopleHomeHook } from '../onboarding/home';
import { facilitationHomeHook } from '../facilitation/home';
import { rulesOf } from '../participation/rules';

/**
 * Work done on every community page once the membership is loaded (after `communityMember`),
 * to put data in `res.locals` for the layout — e.g. the charter-acknowledgement banner.
 * A feature appends its hook here; hooks must be cheap (one or two indexed queries).
 */
export type CommunityHook = (ctx: RequestContext, req: Request, res: Response) => Promise<void>;

/** The notification bell in the header: unread count for this membership. */
const bellHook: CommunityHook = async (ctx, _req, res) => {
  res.locals.bell = await bellFor(ctx.membership!, res.locals.url);
};

/** The participation length rule, for the hint under writing forms (the community is already loaded: no query). */
const lengthRuleHook: CommunityHook = async (ctx, _req, res) => {
  if (ctx.community) res.locals.participationMinLength = rulesOf(ctx.community.settings).minLength;
};

export const communityHooks: CommunityHook[] = [bellHook, charterBannerHook, governanceHomeHook, peopleHomeHook, facilitationHomeHook, lengthRuleHook];
