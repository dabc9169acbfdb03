import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { str } from '../content/forms';
import { currentCharter, acknowledgementState } from '../charter/service';
import { renderMarkdown as renderCharter } from '../content/document-markdown';
import { loadMembers } from '../profiles/members';
import { Profile } from '../profiles/model';
import { introduceMyself, completeOnboarding } from './service';
import { followSuggestions } from './suggest';
import { CommunityIntroduction } from './model';
import { introSchema } from './schemas';
import { onboardingPolicy } from './policy';
import { presentSuggestions, welcomeLinks } from './presenters';

/** The welcome page (purpose, charter, introduce yourself, fill your profile, members to follow) and its two actions. */
export function onboardingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/welcome', ...guard, route.handle((c, req, res) => renderWelcome(c, req, res, {}, {})));

  r.post('/c/:communityId/welcome/introduce', ...guard, route
    .authorize(onboardingPolicy.write)
    .validate(introSchema, { invalid: (c, form, req, res) => renderWelcome(c, req, res, { intro: str(form.values.body) }, form.errors) })
    .transaction((c, t) => introduceMyself(c.actor, c.input, t))
    .handle(({ actor, url }, req, res) => res.redirect(303, url(`/c/${actor.communityId}/welcome`, { introduced: 1 }) + '#intro')));

  r.post('/c/:communityId/welcome/done', ...guard, route
    .transaction((c, t) => completeOnboarding(c.actor, t))
    .handle(({ actor, url }, req, res) => res.redirect(303, url(`/c/${actor.communityId}`))));

  return r;
}

async function renderWelcome({ actor, community, t, url }: MemberContext, req: Request, res: Response, values: Record<string, string>, errors: Record<string, string>) {
  const [charter, ack, records, profile, intro] = await Promise.all([
    currentCharter(actor.communityId),
    acknowledgementState(actor.communityId, actor.membershipId),
    loadMembers(actor.communityId),
    Profile.findOne({ where: { membershipId: actor.membershipId } }),
    CommunityIntroduction.findOne({ where: { communityId: actor.communityId } }),
  ]);
  res.locals.navCurrent = 'home';
  res.render('onboarding/welcome', {
    title: t('onboarding.title'),
    purpose: community.purpose,
    charter: charter ? { version: charter.version, html: renderCharter(charter.body), acknowledged: !!ack?.acknowledged } : null,
    introduced: !!profile?.introMd,
    justIntroduced: req.query.introduced === '1',
    introThreadHref: intro ? url(`/c/${actor.communityId}/threads/${intro.threadId}`) : null,
    profileFilled: !!(profile?.roleTitle || profile?.experience || profile?.helpWith || profile?.yearsPractice != null),
    done: !!profile?.onboardedAt,
    suggestions: presentSuggestions(actor.communityId, await followSuggestions(actor.communityId, actor, records), url),
    canWrite: onboardingPolicy.write(actor),
    links: welcomeLinks(actor.communityId, url),
    values,
    errors,
  });
}
