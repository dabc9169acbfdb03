import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { ScoreOutbox } from '../gradebook/model';
import { memberScore } from './points';
import { participationCan, participationPolicy } from './policy';
import { linkedMemberTable, memberLinks, memberTable, participationLinks, presentSummary, syncOverview } from './presenters';
import { rulesOf, KINDS, type Rules } from './rules';
import { adjustmentForm, pushForm, settingsForm } from './schemas';
import { adjustPoints, pushScores, retryScore, saveRules, sendSoon } from './service';
import { logAccess } from '../activity/access-log';

const mayViewAll = (a: Actor) => participationPolicy.viewAll(a);
const mayAdjust = (a: Actor) => participationPolicy.adjust(a);
const mayConfigure = (a: Actor) => participationPolicy.configure(a);
const maySync = (a: Actor) => participationPolicy.sync(a);

/** The membership in the address: one of this community (never another's), with its user, or 404. */
const memberOf = (c: MemberContext, req: Request) =>
  Membership.findOne({ where: { id: idParam(req.params.membershipId), communityId: c.actor.communityId }, include: [{ model: User, as: 'user' }] });

/** The parked (failed) score row in the address, of this community, or 404. */
const failedRow = (c: MemberContext, req: Request) =>
  ScoreOutbox.findOne({ where: { id: idParam(req.params.rowId), communityId: c.actor.communityId, status: 'failed' } });

/**
 * The settings form posts both "preview" (nothing written) and "save" to one address: a preview
 * goes to its read-only route, anything else on to the saving one (which refuses a bad action).
 */
const previewing = (req: Request, res: Response, next: NextFunction) => next(req.body?.action === 'preview' ? undefined : 'route');

/** The rules of the settings form, without its preview/save button. */
function proposed(input: Rules & { action: string }): Rules {
  const { action, ...rules } = input;
  void action;
  return rules;
}

/** Participation pages: my points, a member's points (facilitators), rules with preview, gradebook sync. */
export function participationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const links = (c: MemberContext) => participationLinks(c.actor.communityId, c.url);
  const renderSettings = (c: MemberContext, res: Response, rules: Rules, preview: unknown, notice: unknown) => {
    res.locals.navCurrent = 'participation';
    res.render('participation/settings', { title: c.t('participation.settings_title'), rules, kinds: KINDS, preview, notice, links: links(c) });
  };

  r.get('/c/:communityId/participation', ...guard, route.handle(async (c, req, res) => {
    const can = participationCan(c.actor);
    const rules = rulesOf(c.community.settings);
    const mine = presentSummary(await memberScore(c.community, c.actor.membershipId), rules);
    const table = can.viewAll ? await linkedMemberTable(c.community, c.url) : [];
    res.locals.navCurrent = 'participation';
    res.render('participation/index', { title: c.t('participation.title'), mine, table, can, rules, kinds: KINDS, notice: req.query.done, links: links(c) });
  }));

  r.get('/c/:communityId/participation/members/:membershipId', ...guard, route
    .authorize(mayViewAll)
    .load(memberOf)
    .handle(async (c, req, res) => {
      const m = c.subject;
      const rules = rulesOf(c.community.settings);
      const summary = presentSummary(await memberScore(c.community, m.id), rules);
      await logAccess({ communityId: c.actor.communityId, viewerUserId: c.actor.userId, subjectMembershipId: m.id, what: 'participation.member' });
      res.locals.navCurrent = 'participation';
      res.render('participation/member', {
        title: displayName(m.user!), name: displayName(m.user!), summary, can: participationCan(c.actor), rules, notice: req.query.done,
        links: memberLinks(c.actor.communityId, m.id, c.url),
      });
    }));

  r.post('/c/:communityId/participation/members/:membershipId/adjustments', ...guard, route
    .authorize(mayAdjust)
    .load(memberOf)
    .validate(adjustmentForm)
    .transaction((c, t) => adjustPoints(c.actor, c.subject, c.input, t))
    .handle((c, req, res) => {
      sendSoon(c.actor.communityId);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/participation/members/${c.subject.id}`, { done: 'adjusted' }));
    }));

  r.get('/c/:communityId/participation/settings', ...guard, route
    .authorize(mayConfigure)
    .handle((c, req, res) => renderSettings(c, res, rulesOf(c.community.settings), null, req.query.done)));

  // Nothing is saved: the facilitator sees every member's score under the proposed rules.
  r.post('/c/:communityId/participation/settings', previewing, ...guard, route
    .authorize(mayConfigure)
    .validate(settingsForm)
    .handle(async (c, req, res) => {
      const rules = proposed(c.input);
      const [before, after] = await Promise.all([memberTable(c.community), memberTable(c.community, rules)]);
      const preview = after.map((m) => ({ ...m, before: before.find((b) => b.id === m.id)?.percent ?? 0 }));
      renderSettings(c, res, rules, preview, null);
    }));

  r.post('/c/:communityId/participation/settings', ...guard, route
    .authorize(mayConfigure)
    .validate(settingsForm)
    .transaction((c, t) => saveRules(c.actor, c.community, proposed(c.input), t))
    .handle((c, req, res) => {
      sendSoon(c.actor.communityId);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/participation/settings`, { done: 'saved' }));
    }));

  r.get('/c/:communityId/participation/sync', ...guard, route
    .authorize(maySync)
    .handle(async (c, req, res) => {
      res.locals.navCurrent = 'participation';
      res.render('participation/sync', { title: c.t('participation.sync_title'), cohorts: await syncOverview(c.community, c.url), rules: rulesOf(c.community.settings), notice: req.query.done, links: links(c) });
    }));

  r.post('/c/:communityId/participation/sync/push', ...guard, route
    .authorize(maySync)
    .validate(pushForm)
    .transaction((c, t) => pushScores(c.actor, c.community, rulesOf(c.community.settings), c.input.cohort, t))
    .handle((c, req, res) => {
      sendSoon(c.actor.communityId);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/participation/sync`, { done: 'pushed' }));
    }));

  r.post('/c/:communityId/participation/sync/retry/:rowId', ...guard, route
    .authorize(maySync)
    .load(failedRow)
    .transaction((c, t) => retryScore(c.actor, c.subject, t))
    .handle((c, req, res) => {
      sendSoon(c.actor.communityId);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/participation/sync`, { done: 'retried' }));
    }));

  return r;
}
