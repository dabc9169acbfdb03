import type { Request, Response } from 'express';
import type { Transaction } from 'sequelize';
import { parseLaunchClaims, ClaimsError, type LaunchClaims } from './claims';
import { LaunchRefused } from './errors';
import { refuse } from './refusal';
import { LtiLogin } from './login-model';
import type { VerifiedToken } from './guard';
import type { Platform } from '../kernel/platform';

/** A launch ltijs and our guard accepted, from an active platform, with its claims read. */
export interface VerifiedLaunch {
  platform: Platform;
  /** The id of the active deployment row the launch names. */
  deploymentRowId: number;
  claims: LaunchClaims;
  /**
   * Mark the login used, inside the transaction that applies the launch: a second post of the
   * same id_token throws `LaunchRefused('REPLAYED_TOKEN')`, which is shown as a refusal.
   */
  consumeLogin(transaction: Transaction): Promise<void>;
  /** The address that runs this login again (the launched page's way out when cookies are blocked). */
  relaunchUrl: string;
}

/** What applies a verified launch and answers it. A `LaunchRefused` it throws becomes the refusal page. */
export type LaunchHandler = (launch: VerifiedLaunch, req: Request, res: Response) => Promise<void>;

let handler: LaunchHandler | null = null;

/**
 * The adapter verifies launches and applies none: what a launch writes (user, membership,
 * session…) is the application's, installed when the app mounts /lti (src/app.ts).
 */
export function installLaunchHandler(h: LaunchHandler): void {
  handler = h;
}

/** After ltijs and our guard accepted a launch: find its platform, read its claims, hand it over. */
export async function handleLaunch(req: Request, res: Response): Promise<void> {
  const verified = res.locals.verifiedLaunch as VerifiedToken | undefined;
  if (!verified) throw new Error('launch reached the handler without our guard');
  if (!handler) throw new Error('no launch handler installed');
  // The platform and deployment the guard found for this very token, in this request.
  const { payload, login, platform, deploymentRowId } = verified;
  const aud = Array.isArray(payload.aud) ? String(payload.azp) : String(payload.aud);
  let claims;
  try {
    claims = parseLaunchClaims(payload as Record<string, unknown>, aud);
  } catch (err) {
    if (err instanceof ClaimsError) return refuseHere(req, res, err.code);
    throw err;
  }
  const launch: VerifiedLaunch = {
    platform,
    deploymentRowId,
    claims,
    consumeLogin: (transaction) => consumeLogin(login, transaction),
    relaunchUrl: `/lti/login?${new URLSearchParams(login.params).toString()}`,
  };
  try {
    await handler(launch, req, res);
  } catch (err) {
    if (err instanceof LaunchRefused) return refuseHere(req, res, err.code);
    throw err;
  }
}

async function consumeLogin(login: LtiLogin, transaction: Transaction): Promise<void> {
  const [used] = await LtiLogin.update({ usedAt: new Date() }, { where: { state: login.state, usedAt: null }, transaction });
  if (used !== 1) throw new LaunchRefused('REPLAYED_TOKEN');
}

function refuseHere(req: Request, res: Response, code: string): void {
  refuse(req, res, new LaunchRefused(code));
}
