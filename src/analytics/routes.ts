import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { exportQuery } from './schemas';
import { analyticsPolicy } from './policy';
import { dashboardFor, memberSummary } from './service';
import { analyticsLinks, linkTable, memberLinks, presentDashboard, presentMember } from './presenters';
import { tableCsv, csvFileName } from './csv';
import { dashboardTables, membersTable, type Table } from './tables';
import { FEATURES } from './features';
import { readPeriod, periodLocals } from './request';
import { logAccess } from '../activity/access-log';

type Period = Awaited<ReturnType<typeof readPeriod>>;

const mayViewDashboard = (a: Actor) => analyticsPolicy.viewDashboard(a);
const mayViewMembers = (a: Actor) => analyticsPolicy.viewMembers(a);
const mayExport = (a: Actor) => analyticsPolicy.export(a);
const mayViewOwn = (a: Actor) => analyticsPolicy.viewOwn(a);

/** The figures of the request's period and cohort (a 400 on a bad period or cohort). */
async function figuresOf(c: MemberContext, req: Request) {
  const p = await readPeriod(req, c.community);
  return { p, ...(await dashboardFor(c.community, p.period, p.query.cohort ?? null)) };
}

/** The member in the address (a bad id is a 404, before the period's 400) and the period. */
async function memberOf(c: MemberContext, req: Request) {
  const membershipId = idParam(req.params.membershipId);
  return { membershipId, p: await readPeriod(req, c.community) };
}

/** Facilitator analytics (/c/:id/analytics…) and each member's own summary (/c/:id/my-activity). */
export function analyticsRoutes(config: Config, sequelize: Sequelize): Router {
  void sequelize; // read-only pages: no transaction to open
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member();
  const links = (c: MemberContext, p: Period) => analyticsLinks(c.actor.communityId, c.url, p.filters);
  const link = (c: MemberContext, p: Period) => (tbl: Table) => linkTable(tbl, c.actor.communityId, c.url, p.filters);

  // The facilitator check first (403), then the period and cohort (400).
  r.get('/c/:communityId/analytics', ...guard, route
    .authorize(mayViewDashboard)
    .load(figuresOf)
    .handle((c, req, res) => {
      const { p, figures, extras } = c.subject;
      res.locals.navCurrent = 'analytics';
      res.render('analytics/dashboard', { title: c.t('analytics.title'), view: presentDashboard(c.t, c.lang, figures, FEATURES, extras, link(c, p)), links: links(c, p), ...periodLocals(p) });
    }));

  r.get('/c/:communityId/analytics/members', ...guard, route
    .authorize(mayViewMembers)
    .load(figuresOf)
    .handle(async (c, req, res) => {
      const { p, figures, extras } = c.subject;
      await logAccess({ communityId: c.actor.communityId, viewerUserId: c.actor.userId, what: 'analytics.members' });
      res.locals.navCurrent = 'analytics';
      res.render('analytics/members', { title: c.t('analytics.members.title'), table: linkTable(membersTable(c.t, figures, FEATURES, extras), c.actor.communityId, c.url, p.filters), features: FEATURES, links: links(c, p), ...periodLocals(p) });
    }));

  r.get('/c/:communityId/analytics/members/:membershipId', ...guard, route
    .authorize(mayViewMembers)
    .load(memberOf)
    .handle((c, req, res) => renderMember(c, res, c.subject.membershipId, c.subject.p, false)));

  r.get('/c/:communityId/analytics/export.csv', ...guard, route
    .authorize(mayExport)
    .validate(exportQuery, { from: 'query' })
    .load(figuresOf)
    .handle(async (c, req, res) => {
      const { p, figures, extras } = c.subject;
      const table = dashboardTables(c.t, figures, FEATURES, extras, [c.input.table])[c.input.table];
      await logAccess({ communityId: c.actor.communityId, viewerUserId: c.actor.userId, what: 'analytics.export' });
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${csvFileName(c.actor.communityId, table.id, p.period.fromDate, p.period.toDate)}"`)
        .set('Cache-Control', 'no-store')
        .send(tableCsv(table, c.lang));
    }));

  r.get('/c/:communityId/my-activity', ...guard, route
    .authorize(mayViewOwn)
    .load((c, req) => readPeriod(req, c.community))
    .handle((c, req, res) => renderMember(c, res, c.actor.membershipId, c.subject, true)));

  return r;
}

/** A member's summary page: a facilitator's per-member view, or the member's own page. */
async function renderMember(c: MemberContext, res: Response, membershipId: number, p: Period, own: boolean) {
  const summary = await memberSummary(c.community, membershipId, p.period);
  if (!own) await logAccess({ communityId: c.actor.communityId, viewerUserId: c.actor.userId, subjectMembershipId: membershipId, what: 'analytics.member' });
  res.locals.navCurrent = own ? 'my-activity' : 'analytics';
  const view = presentMember(c.t, c.lang, summary, FEATURES);
  res.render('analytics/member', {
    title: own ? c.t('analytics.mine.title') : c.t('analytics.member.title', { name: view.name }),
    view, own, links: memberLinks(c.actor.communityId, membershipId, own, c.url, p.filters), ...periodLocals(p), cohorts: [],
  });
}
