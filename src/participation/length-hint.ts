import type { CommunityHook } from '../web/community-hooks';
import { rulesOf } from './rules';

/** The participation length rule, for the hint under writing forms (the community is already loaded: no query). */
export const lengthRuleHook: CommunityHook = async (ctx, _req, res) => {
  if (ctx.community) res.locals.participationMinLength = rulesOf(ctx.community.settings).minLength;
};
