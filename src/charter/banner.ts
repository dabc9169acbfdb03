import type { Request, Response } from 'express';
import type { RequestContext } from '../web/context';
import { acknowledgementState } from './service';
import { CharterAcknowledgement } from './model';

/**
 * The charter-acknowledgement banner: shown on every community page until the member has
 * acknowledged the current version — on joining, and again each time an amendment is adopted.
 * Observers see it too: reading the charter is not contributing.
 */
export async function charterBannerHook(ctx: RequestContext, _req: Request, res: Response): Promise<void> {
  if (!ctx.membership || !ctx.community) return;
  // Read with the membership (web/kernel.ts) on community pages.
  const known = ctx.kernel?.charter;
  const state = ctx.kernel ? known && { version: known.version, acknowledged: known.acknowledged === known.version } : await acknowledgementState(ctx.community.id, ctx.membership.id);
  if (!state || state.acknowledged) return;
  res.locals.charterBanner = {
    version: state.version,
    // A member who acknowledged an earlier version is told the charter changed.
    changed: state.version > 1 && (known ? known.acknowledged !== null : await acknowledgedBefore(ctx.membership.id)),
    href: (res.locals.url as (p: string) => string)(`/c/${ctx.community.id}/charter`),
  };
}

async function acknowledgedBefore(membershipId: number): Promise<boolean> {
  return (await CharterAcknowledgement.count({ where: { membershipId } })) > 0;
}
