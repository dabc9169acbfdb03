import type { Request, Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { JWTPayload } from 'jose';
import type { Config } from '../config';
import { parseLaunchClaims, ClaimsError } from './claims';
import { applyLaunch } from './launch';
import { LaunchRefused } from './errors';
import { refuse } from './refusal';
import { LtiLogin } from './login-model';
import { findActivePlatform } from '../platforms/service';
import { createSession, csrfToken, sessionIdOf } from '../sessions/service';
import { setSessionCookie } from '../sessions/carrier';
import { takeTarget } from '../sessions/resume';
import { translator } from '../i18n';
import { log } from '../log';
import { launches } from '../metrics';
import { retryTransaction } from '../db/retry';
import { syncAfterLaunch } from '../lms/schedule';

/**
 * After ltijs and our guard accepted a launch: apply it in one transaction (user, membership,
 * cohort URLs, activity, session, login marked used), then redirect (303) so a reload never
 * re-posts the id_token.
 */
export async function handleLaunch(config: Config, sequelize: Sequelize, req: Request, res: Response): Promise<void> {
  const verified = res.locals.verifiedLaunch as { payload: JWTPayload; login: LtiLogin } | undefined;
  if (!verified) throw new Error('launch reached the handler without our guard');
  const { payload, login } = verified;
  const aud = Array.isArray(payload.aud) ? String(payload.azp) : String(payload.aud);
  const platform = await findActivePlatform(payload.iss, aud);
  if (!platform) throw new LaunchRefused('UNKNOWN_PLATFORM');
  let claims;
  try {
    claims = parseLaunchClaims(payload as Record<string, unknown>, aud);
  } catch (err) {
    if (err instanceof ClaimsError) return refuseHere(req, res, err.code);
    throw err;
  }
  const limits = { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteMinutes: config.SESSION_ABSOLUTE_MINUTES };
  // Retried when it loses a race (a class launching at once: the same user's first launch twice, InnoDB deadlocks).
  const result = await retryTransaction(sequelize, async (transaction) => {
    const [used] = await LtiLogin.update({ usedAt: new Date() }, { where: { state: login.state, usedAt: null }, transaction });
    if (used !== 1) throw new LaunchRefused('REPLAYED_TOKEN');
    const outcome = await applyLaunch(platform, claims, transaction);
    const cohort = outcome.kind === 'community' ? outcome.cohort : outcome.kind === 'deep-linking' ? outcome.cohort : null;
    const token = await createSession(limits, { userId: outcome.user.id, platformId: platform.id, cohortId: cohort?.id ?? null, launch: outcome.launch }, transaction);
    return { outcome, token };
  }).catch((err) => {
    if (err instanceof LaunchRefused) return err;
    throw err;
  });
  if (result instanceof LaunchRefused) return refuseHere(req, res, result.code);
  const { outcome, token } = result;
  log.info('launch', { kind: outcome.kind, platform: platform.id, user: outcome.user.id, role: outcome.launch.role });
  launches.inc({ kind: outcome.kind });
  // A stale roster is refreshed in the background; the launch does not wait for the LMS.
  if (outcome.kind === 'community') syncAfterLaunch(config, outcome.cohort.id);
  switch (outcome.kind) {
    case 'community': {
      // A link opened outside the LMS may have asked to land on an item (src/sessions/resume.ts).
      const target = await takeTarget(outcome.user.id, outcome.cohort.communityId);
      return launched(config, res, { token, login, lang: outcome.launch.lang, next: target ?? `/c/${outcome.cohort.communityId}` });
    }
    case 'setup':
      return launched(config, res, { token, login, lang: outcome.launch.lang, next: '/setup' });
    case 'deep-linking':
      return launched(config, res, { token, login, lang: outcome.launch.lang, next: '/deep-linking' });
    case 'not-ready': {
      const t = translator(outcome.launch.lang);
      res.status(200).render('communities/not-ready', { lang: outcome.launch.lang, t, title: t('setup.not_ready_title'), url: (p: string) => p });
      return;
    }
  }
}

/**
 * End the launch: the session cookie (carrier 1) and a small page whose script checks that the
 * cookie came back, else keeps the token in the tab (carrier 2), else offers the new tab. Without
 * script the page moves on by itself (noscript refresh) and the cookie carries the session. The
 * token is in this POST response's body only, never in an address.
 */
function launched(config: Config, res: Response, p: { token: string; login: LtiLogin; lang: 'fr' | 'en'; next: string }): void {
  setSessionCookie(config, res, p.token);
  const t = translator(p.lang);
  const relaunch = `/lti/login?${new URLSearchParams(p.login.params).toString()}`;
  const csrf = csrfToken(config.LTI_KEY, sessionIdOf(p.token));
  res.set('Cache-Control', 'no-store');
  res.status(200).render('lti/launched', { lang: p.lang, t, title: t('launch.launched_title'), next: p.next, token: p.token, csrf, relaunch, url: (u: string) => u });
}

function refuseHere(req: Request, res: Response, code: string): void {
  refuse(req, res, new LaunchRefused(code));
}
