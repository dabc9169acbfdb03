import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { ScoreOutbox } from '../gradebook/model';
import { memberScore } from './points';
import { participationCan, participationPolicy } from './policy';
import { memberTable, presentSummary, syncOverview } from './present';
import { rulesOf, KINDS } from './rules';
import { adjustmentForm, idParam, pushForm, settingsForm } from './schemas';
import { adjustPoints, pushScores, retryScore, saveRules, sendSoon } from './service';
import { retryTransaction } from '../db/retry';
import { logAccess } from '../activity/access-log';

const actorOf = (req: Request) => ({ communityId: req.ctx!.community!.id, userId: req.ctx!.user.id, membershipId: req.ctx!.membership!.id });

/** Participation pages: my points, a member's points (facilitators), rules with preview, gradebook sync. */
export function participationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);
  const base = (req: Request) => `/c/${req.ctx!.community!.id}/participation`;

  r.get('/c/:communityId/participation', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const can = participationCan(ctx.role!);
    const rules = rulesOf(ctx.community!.settings);
    const mine = presentSummary(await memberScore(ctx.community!, ctx.membership!.id), rules);
    const table = can.viewAll ? await memberTable(ctx.community!) : [];
    res.locals.navCurrent = 'participation';
    res.render('participation/index', { title: ctx.t('participation.title'), mine, table, can, rules, kinds: KINDS, notice: req.query.done });
  });

  r.get('/c/:communityId/participation/members/:membershipId', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.viewAll(ctx.role!)) throw forbidden();
    const member = await findMember(ctx.community!.id, req.params.membershipId);
    const rules = rulesOf(ctx.community!.settings);
    const summary = presentSummary(await memberScore(ctx.community!, member.id), rules);
    await logAccess({ communityId: ctx.community!.id, viewerUserId: ctx.user.id, subjectMembershipId: member.id, what: 'participation.member' });
    res.locals.navCurrent = 'participation';
    res.render('participation/member', { title: displayName(member.user!), name: displayName(member.user!), memberId: member.id, summary, can: participationCan(ctx.role!), rules, notice: req.query.done });
  });

  r.post('/c/:communityId/participation/members/:membershipId/adjustments', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.adjust(ctx.role!)) throw forbidden();
    const member = await findMember(ctx.community!.id, req.params.membershipId);
    const input = adjustmentForm.parse(req.body);
    await retryTransaction(sequelize, (t) => adjustPoints(actorOf(req), member, input, t));
    sendSoon(ctx.community!.id);
    res.redirect(303, res.locals.url(`${base(req)}/members/${member.id}`, { done: 'adjusted' }));
  });

  r.get('/c/:communityId/participation/settings', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.configure(ctx.role!)) throw forbidden();
    res.locals.navCurrent = 'participation';
    res.render('participation/settings', { title: ctx.t('participation.settings_title'), rules: rulesOf(ctx.community!.settings), kinds: KINDS, preview: null, notice: req.query.done });
  });

  r.post('/c/:communityId/participation/settings', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.configure(ctx.role!)) throw forbidden();
    const { action, ...rules } = settingsForm.parse(req.body);
    if (action === 'preview') {
      // Nothing is saved: the facilitator sees every member's score under the proposed rules.
      const [before, after] = await Promise.all([memberTable(ctx.community!), memberTable(ctx.community!, rules)]);
      const preview = after.map((m) => ({ ...m, before: before.find((b) => b.id === m.id)?.percent ?? 0 }));
      res.locals.navCurrent = 'participation';
      return res.render('participation/settings', { title: ctx.t('participation.settings_title'), rules, kinds: KINDS, preview, notice: null });
    }
    await retryTransaction(sequelize, (t) => saveRules(actorOf(req), ctx.community!, rules, t));
    sendSoon(ctx.community!.id);
    res.redirect(303, res.locals.url(`${base(req)}/settings`, { done: 'saved' }));
  });

  r.get('/c/:communityId/participation/sync', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.sync(ctx.role!)) throw forbidden();
    res.locals.navCurrent = 'participation';
    res.render('participation/sync', { title: ctx.t('participation.sync_title'), cohorts: await syncOverview(ctx.community!), rules: rulesOf(ctx.community!.settings), notice: req.query.done });
  });

  r.post('/c/:communityId/participation/sync/push', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.sync(ctx.role!)) throw forbidden();
    const { cohort } = pushForm.parse(req.body);
    await retryTransaction(sequelize, (t) => pushScores(actorOf(req), ctx.community!, rulesOf(ctx.community!.settings), cohort, t));
    sendSoon(ctx.community!.id);
    res.redirect(303, res.locals.url(`${base(req)}/sync`, { done: 'pushed' }));
  });

  r.post('/c/:communityId/participation/sync/retry/:rowId', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!participationPolicy.sync(ctx.role!)) throw forbidden();
    const row = await ScoreOutbox.findOne({ where: { id: idParam.parse(req.params.rowId), communityId: ctx.community!.id, status: 'failed' } });
    if (!row) throw notFound();
    await retryTransaction(sequelize, (t) => retryScore(actorOf(req), row, t));
    sendSoon(ctx.community!.id);
    res.redirect(303, res.locals.url(`${base(req)}/sync`, { done: 'retried' }));
  });

  return r;
}

/** A membership of this community (never another's), with its user. */
async function findMember(communityId: number, raw: unknown): Promise<Membership> {
  const id = idParam.safeParse(raw);
  if (!id.success) throw notFound();
  const member = await Membership.findOne({ where: { id: id.data, communityId }, include: [{ model: User, as: 'user' }] });
  if (!member) throw notFound();
  return member;
}
