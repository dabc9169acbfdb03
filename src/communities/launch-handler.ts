import type { Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { LaunchHandler, VerifiedLaunch } from '../lti/connect';
import { applyLaunch } from './launch';
import { createSession, csrfToken, sessionIdOf, sessionLimits } from '../sessions/service';
import { setSessionCookie } from '../sessions/carrier';
import { takeTarget } from '../sessions/resume';
import { translator } from '../i18n';
import { log } from '../log';
import { launches } from '../metrics';
import { retryTransaction } from '../db/retry';
import { syncAfterLaunch } from '../lms/schedule';

/**
 * What a verified launch does (installed on the LTI adapter by src/app.ts): apply it in one
 * transaction (login marked used, user, membership, cohort URLs, activity, session), then
 * redirect (303) so a reload never re-posts the id_token.
 */
export function launchHandler(config: Config, sequelize: Sequelize): LaunchHandler {
  return (launch, _req, res) => enter(config, sequelize, launch, res);
}

async function enter(config: Config, sequelize: Sequelize, verified: VerifiedLaunch, res: Response): Promise<void> {
  const { platform, deploymentRowId, claims } = verified;
  const limits = sessionLimits(config);
  // Retried when it loses a race (a class launching at once: the same user's first launch twice, InnoDB deadlocks).
  // A replayed token refuses the whole launch (LaunchRefused, shown by the adapter).
  const { outcome, token } = await retryTransaction(sequelize, async (transaction) => {
    await verified.consumeLogin(transaction);
    const outcome = await applyLaunch(platform, deploymentRowId, claims, transaction);
    const cohort = outcome.kind === 'community' ? outcome.cohort : outcome.kind === 'deep-linking' ? outcome.cohort : null;
    const token = await createSession(limits, { userId: outcome.user.id, platformId: platform.id, cohortId: cohort?.id ?? null, launch: outcome.launch }, transaction);
    return { outcome, token };
  });
  log.info('launch', { kind: outcome.kind, platform: platform.id, user: outcome.user.id, role: outcome.launch.role });
  launches.inc({ kind: outcome.kind });
  // A stale roster is refreshed in the background; the launch does not wait for the LMS.
  if (outcome.kind === 'community') syncAfterLaunch(config, outcome.cohort.id);
  const page = { token, relaunch: verified.relaunchUrl, lang: outcome.launch.lang };
  switch (outcome.kind) {
    case 'community': {
      // A link opened outside the LMS may have asked to land on an item (src/sessions/resume.ts):
      // the membership the launch just wrote says so, without reading it again.
      const target = await takeTarget(outcome.membership);
      return launched(config, res, { ...page, next: target ?? `/c/${outcome.cohort.communityId}` });
    }
    case 'setup':
      return launched(config, res, { ...page, next: '/setup' });
    case 'deep-linking':
      return launched(config, res, { ...page, next: '/deep-linking' });
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
function launched(config: Config, res: Response, p: { token: string; relaunch: string; lang: 'fr' | 'en'; next: string }): void {
  setSessionCookie(config, res, p.token);
  const t = translator(p.lang);
  const csrf = csrfToken(config.LTI_KEY, sessionIdOf(p.token));
  res.set('Cache-Control', 'no-store');
  res.status(200).render('lti/launched', { lang: p.lang, t, title: t('launch.launched_title'), next: p.next, token: p.token, csrf, relaunch: p.relaunch, url: (u: string) => u });
}
