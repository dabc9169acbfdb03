import { Router } from 'express';
import { z } from 'zod';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired } from '../web/session';
import { DomainError, forbidden } from '../kernel/errors';
import { createCommunitySchema } from './schemas';
import { createCommunity, joinCommunity, facilitatedCommunities } from './service';
import { Community, Cohort } from '../kernel/community';
import { rulesOf } from '../participation/rules';
import { Platform, Deployment } from '../kernel/platform';
import { attachCohort } from '../sessions/service';
import { signDeepLinkingResponse, type ResourceLinkItem } from '../lti/deep-linking';
import { SCOPES } from '../lti/scopes';
import { retryTransaction } from '../db/retry';
import { scalar } from '../content/forms';

const choiceSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('new') }).merge(createCommunitySchema),
  z.object({ choice: z.literal('existing'), communityId: scalar(z.coerce.number().int().positive()) }),
  z.object({ choice: z.literal('linked') }),
]);

/** Deep Linking: an instructor picks the community (new or existing) and we return a signed LtiResourceLink. */
export function deepLinkingRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);

  r.get('/deep-linking', session, async (req, res) => {
    const ctx = req.ctx!;
    if (ctx.session.launch.messageType !== 'LtiDeepLinkingRequest' || ctx.session.launch.role !== 'facilitator') throw forbidden();
    const linked = ctx.session.cohortId ? await Cohort.findByPk(ctx.session.cohortId, { include: [{ model: Community, as: 'community' }] }) : null;
    const mine = await facilitatedCommunities(ctx.user.id);
    res.render('lti/deep-linking', {
      title: ctx.t('deeplink.title'),
      // Pre-filled with the course name, as the setup page does.
      course: ctx.session.launch.contextTitle ?? '',
      linked: linked?.community ? { id: linked.community.id, title: linked.community.title } : null,
      communities: mine.map((c) => ({ id: c.id, title: c.title })),
      values: {},
      errors: {},
    });
  });

  r.post('/deep-linking', session, async (req, res) => {
    const ctx = req.ctx!;
    const launch = ctx.session.launch;
    if (launch.messageType !== 'LtiDeepLinkingRequest' || launch.role !== 'facilitator' || !launch.deepLinking) throw forbidden();
    const input = choiceSchema.parse(req.body);
    const setup = { userId: ctx.user.id, platformId: ctx.session.platformId, launch };
    const community = await retryTransaction(sequelize, async (t) => {
      if (input.choice === 'linked') {
        if (!ctx.session.cohortId) throw new DomainError('invalid', 'errors.invalid_input');
        const cohort = await Cohort.findByPk(ctx.session.cohortId, { transaction: t, rejectOnEmpty: true });
        return Community.findByPk(cohort.communityId, { transaction: t, rejectOnEmpty: true });
      }
      if (input.choice === 'new') {
        const created = await createCommunity(setup, input, t);
        await attachCohort(ctx.session.id, created.cohort.id, t);
        return created.community;
      }
      const allowed = (await facilitatedCommunities(ctx.user.id)).find((c) => c.id === input.communityId);
      if (!allowed) throw forbidden();
      const joined = await joinCommunity(setup, allowed.inviteCode, t);
      if (!joined) throw forbidden();
      await attachCohort(ctx.session.id, joined.cohort.id, t);
      return joined.community;
    });
    const platform = await Platform.findByPk(ctx.session.platformId, { rejectOnEmpty: true });
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
      item.lineItem = { scoreMaximum: rulesOf(community.settings).target, label: ctx.t('deeplink.participation_label', { title: community.title }), resourceId: `coper-participation-${community.id}`, tag: 'participation' };
    }
    const jwt = await signDeepLinkingResponse(platform, deployment.deploymentId, launch.deepLinking, [item], ctx.t('deeplink.added', { title: community.title }));
    res.render('lti/deep-linking-return', { title: ctx.t('deeplink.title'), action: String(launch.deepLinking.deep_link_return_url), jwt });
  });

  return r;
}
