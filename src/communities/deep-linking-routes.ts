import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired } from '../web/session';
import { signedIn, type SessionContext } from '../web/pipeline';
import { facilitatedCommunities } from './service';
import { setupPolicy } from './policy';
import { deepLinkChoiceSchema, deepLinkCommunity } from './deep-linking';
import { deepLinkingLinks } from './presenters';
import { Community, Cohort } from '../kernel/community';
import { rulesOf } from '../participation/rules';
import { Platform, Deployment } from '../kernel/platform';
import { signDeepLinkingResponse, type ResourceLinkItem } from '../lti/deep-linking';
import { SCOPES } from '../lti/scopes';

/** Deep Linking: an instructor picks the community (new or existing) and we return a signed LtiResourceLink. */
export function deepLinkingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);
  const route = signedIn(sequelize);

  r.get('/deep-linking', session, route
    .authorize(setupPolicy.deepLink)
    .handle(async ({ actor, t }, req, res) => {
      const linked = actor.session.cohortId ? await Cohort.findByPk(actor.session.cohortId, { include: [{ model: Community, as: 'community' }] }) : null;
      const mine = await facilitatedCommunities(actor.user.id);
      res.render('lti/deep-linking', {
        title: t('deeplink.title'),
        // Pre-filled with the course name, as the setup page does.
        course: actor.session.launch.contextTitle ?? '',
        linked: linked?.community ? { id: linked.community.id, title: linked.community.title } : null,
        communities: mine.map((c) => ({ id: c.id, title: c.title })),
        values: {},
        errors: {},
        links: deepLinkingLinks(),
      });
    }));

  r.post('/deep-linking', session, route
    .authorize(setupPolicy.deepLinkAnswer)
    .validate(deepLinkChoiceSchema)
    .transaction((c, t) => deepLinkCommunity(c.actor, c.input, t))
    .handle(async (c, req, res) => {
      const launch = c.actor.session.launch;
      const jwt = await signedResponse(config, c, c.result);
      res.render('lti/deep-linking-return', { title: c.t('deeplink.title'), action: String(launch.deepLinking!.deep_link_return_url), jwt });
    }));

  return r;
}

/** The signed Deep Linking response: one LtiResourceLink to the community, with its participation column where allowed. */
async function signedResponse(config: Config, { actor, t }: SessionContext, community: Community): Promise<string> {
  const launch = actor.session.launch;
  const platform = await Platform.findByPk(actor.session.platformId, { rejectOnEmpty: true });
  const deployment = await Deployment.findByPk(launch.deploymentRowId, { rejectOnEmpty: true });
  const item: ResourceLinkItem = {
    type: 'ltiResourceLink',
    title: community.title,
    text: community.purpose.slice(0, 200),
    url: `${config.PUBLIC_URL}/lti/launch`,
    custom: { coper_community: String(community.id) },
  };
  // Ask for a participation column only where the platform lets the tool manage line items.
  if (launch.ags?.scope.includes(SCOPES.lineItem)) {
    item.lineItem = { scoreMaximum: rulesOf(community.settings).target, label: t('deeplink.participation_label', { title: community.title }), resourceId: `coper-participation-${community.id}`, tag: 'participation' };
  }
  return signDeepLinkingResponse(platform, deployment.deploymentId, launch.deepLinking!, [item], t('deeplink.added', { title: community.title }));
}
