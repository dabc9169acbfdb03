import type { CommunityHook } from '../web/community-hooks';
import { rulesOf } from './rules';

/** Minimum lengths by the community's stored settings text: every community page shows the hint, and parsing the rules (zod) each time showed in the home's profile. */
const minLengths = new Map<string, number>();
const LIMIT = 1_000;

/** The participation length rule, for the hint under writing forms (the community is already loaded: no query). */
export const lengthRuleHook: CommunityHook = async (ctx, _req, res) => {
  if (!ctx.community) return;
  const stored = ctx.community.getDataValue('settings') as unknown;
  if (typeof stored !== 'string') {
    res.locals.participationMinLength = rulesOf(ctx.community.settings).minLength;
    return;
  }
  let minLength = minLengths.get(stored);
  if (minLength === undefined) {
    minLength = rulesOf(ctx.community.settings).minLength;
    if (minLengths.size >= LIMIT) minLengths.clear();
    minLengths.set(stored, minLength);
  }
  res.locals.participationMinLength = minLength;
};
