import { Router } from 'express';
import { z } from 'zod';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf } from '../kernel/actor';
import { body, flag, formErrors, str } from '../content/forms';
import { currentCharter, acknowledgementState } from '../charter/service';
import { renderMarkdown as renderCharter } from '../content/document-markdown';
import { loadMembers } from '../profiles/members';
import { Profile } from '../profiles/model';
import { introduceMyself, completeOnboarding } from './service';
import { followSuggestions } from './suggest';
import { CommunityIntroduction } from './model';
import { retryTransaction } from '../db/retry';

const introSchema = z.object({ body: body('onboarding.errors.intro'), share: flag });

/** The welcome page (purpose, charter, introduce yourself, fill your profile, members to follow) and its two actions. */
export function onboardingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/welcome', ...guard, async (req, res) => {
    await renderWelcome(req, res, {}, {});
  });

  r.post('/c/:communityId/welcome/introduce', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (actor.role === 'observer') throw forbidden();
    const parsed = introSchema.safeParse(req.body);
    if (!parsed.success) return renderWelcome(req, res.status(400), { intro: str(req.body.body) }, formErrors(parsed.error.issues, req.ctx!.t));
    await retryTransaction(sequelize, (t) => introduceMyself(actor, parsed.data, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/welcome`, { introduced: 1 }) + '#intro');
  });

  r.post('/c/:communityId/welcome/done', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    await retryTransaction(sequelize, (t) => completeOnboarding(actor, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}`));
  });

  async function renderWelcome(req: import('express').Request, res: import('express').Response, values: Record<string, string>, errors: Record<string, string>) {
    const actor = actorOf(req.ctx);
    const ctx = req.ctx!;
    const [charter, ack, records, profile, intro] = await Promise.all([
      currentCharter(actor.communityId),
      acknowledgementState(actor.communityId, actor.membershipId),
      loadMembers(actor.communityId),
      Profile.findOne({ where: { membershipId: actor.membershipId } }),
      CommunityIntroduction.findOne({ where: { communityId: actor.communityId } }),
    ]);
    res.locals.navCurrent = 'home';
    res.render('onboarding/welcome', {
      title: ctx.t('onboarding.title'),
      purpose: ctx.community!.purpose,
      charter: charter ? { version: charter.version, html: renderCharter(charter.body), acknowledged: !!ack?.acknowledged } : null,
      introduced: !!profile?.introMd,
      justIntroduced: req.query.introduced === '1',
      introThreadHref: intro ? res.locals.url(`/c/${actor.communityId}/threads/${intro.threadId}`) : null,
      profileFilled: !!(profile?.roleTitle || profile?.experience || profile?.helpWith || profile?.yearsPractice != null),
      done: !!profile?.onboardedAt,
      suggestions: await followSuggestions(actor.communityId, actor, records),
      canWrite: actor.role !== 'observer',
      values,
      errors,
    });
  }

  return r;
}
