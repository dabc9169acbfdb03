import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { exportQuery, membershipParam } from './schemas';
import { analyticsPolicy } from './policy';
import { dashboardFor, memberSummary } from './service';
import { presentDashboard } from './presenters';
import { presentMember } from './member-presenter';
import { tableCsv, csvFileName } from './csv';
import { dashboardTables, membersTable } from './tables';
import { FEATURES } from './features';
import { readPeriod, periodLocals } from './request';
import { logAccess } from '../activity/access-log';

/** Facilitator analytics (/c/:id/analytics…) and each member's own summary (/c/:id/my-activity). */
export function analyticsRoutes(config: Config, sequelize: Sequelize): Router {
  void sequelize; // read-only pages: no transaction to open
  const r = Router();
  const session = sessionRequired(config);

  r.get('/c/:communityId/analytics', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!analyticsPolicy.viewDashboard(ctx.role!)) throw forbidden();
    const p = await readPeriod(req, ctx.community!);
    const { figures, extras } = await dashboardFor(ctx.community!, p.period, p.query.cohort ?? null);
    res.locals.navCurrent = 'analytics';
    res.render('analytics/dashboard', { title: ctx.t('analytics.title'), view: presentDashboard(ctx.t, ctx.lang, figures, FEATURES, extras), ...periodLocals(p) });
  });

  r.get('/c/:communityId/analytics/members', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!analyticsPolicy.viewMembers(ctx.role!)) throw forbidden();
    const p = await readPeriod(req, ctx.community!);
    const { figures, extras } = await dashboardFor(ctx.community!, p.period, p.query.cohort ?? null);
    await logAccess({ communityId: ctx.community!.id, viewerUserId: ctx.user.id, what: 'analytics.members' });
    res.locals.navCurrent = 'analytics';
    res.render('analytics/members', { title: ctx.t('analytics.members.title'), table: membersTable(ctx.t, figures, FEATURES, extras), features: FEATURES, ...periodLocals(p) });
  });

  r.get('/c/:communityId/analytics/members/:membershipId', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!analyticsPolicy.viewMembers(ctx.role!)) throw forbidden();
    const id = membershipParam.safeParse(req.params.membershipId);
    if (!id.success) throw notFound();
    await renderMember(req, res, id.data, false);
  });

  r.get('/c/:communityId/analytics/export.csv', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!analyticsPolicy.export(ctx.role!)) throw forbidden();
    const { table: tableId } = exportQuery.parse(req.query);
    const p = await readPeriod(req, ctx.community!);
    const { figures, extras } = await dashboardFor(ctx.community!, p.period, p.query.cohort ?? null);
    const table = dashboardTables(ctx.t, figures, FEATURES, extras)[tableId];
    await logAccess({ communityId: ctx.community!.id, viewerUserId: ctx.user.id, what: 'analytics.export' });
    res
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${csvFileName(ctx.community!.id, table.id, p.period.fromDate, p.period.toDate)}"`)
      .set('Cache-Control', 'no-store')
      .send(tableCsv(table, ctx.lang));
  });

  r.get('/c/:communityId/my-activity', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!analyticsPolicy.viewOwn(ctx.role!)) throw forbidden();
    await renderMember(req, res, ctx.membership!.id, true);
  });

  return r;
}

/** A member's summary page: a facilitator's per-member view, or the member's own page. */
async function renderMember(req: Request, res: Response, membershipId: number, own: boolean) {
  const ctx = req.ctx!;
  const p = await readPeriod(req, ctx.community!);
  const summary = await memberSummary(ctx.community!, membershipId, p.period);
  if (!own) await logAccess({ communityId: ctx.community!.id, viewerUserId: ctx.user.id, subjectMembershipId: membershipId, what: 'analytics.member' });
  res.locals.navCurrent = own ? 'my-activity' : 'analytics';
  const view = presentMember(ctx.t, ctx.lang, summary, FEATURES);
  res.render('analytics/member', { title: own ? ctx.t('analytics.mine.title') : ctx.t('analytics.member.title', { name: view.name }), view, own, membershipId, ...periodLocals(p), cohorts: [] });
}
