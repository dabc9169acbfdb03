import type { Request, Response } from 'express';
import type { RequestContext } from './context';

/**
 * Work done on every community page once the membership is loaded (after `communityMember`),
 * to put data in `res.locals` for the layout — e.g. the charter-acknowledgement banner.
 * Features declare their hooks; the composition root (`src/features.ts`) lists them and the app
 * installs the list. Hooks must be cheap (one or two indexed queries).
 */
export type CommunityHook = (ctx: RequestContext, req: Request, res: Response) => Promise<void>;

let installed: readonly CommunityHook[] = [];

/** Install the hooks, in the order they run (the app does it once at start). */
export function installCommunityHooks(hooks: readonly CommunityHook[]): void {
  installed = hooks;
}

/** The installed hooks. */
export function communityHooks(): readonly CommunityHook[] {
  return installed;
}
