import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf } from '../kernel/actor';
import { readPeriod, periodLocals } from '../analytics/request';
import { csvFileName } from '../analytics/csv';
import { presentStories } from '../stories/presenter';
import { valuePolicy } from './policy';
import { valueReport } from './report';
import { valueCsv, valuePdf } from './export';
import { presentCycles } from './presenter';
import { exportLang } from './schemas';

/** The report for the request's period and cohort, after the facilitator check (403 first, then 400 on bad input). */
async function reportFor(req: Request) {
  const ctx = req.ctx!;
  if (!valuePolicy.view(ctx.role!)) throw forbidden();
  const p = await readPeriod(req, ctx.community!);
  const report = await valueReport(ctx.community!, p.period, p.query.cohort ?? null);
  const cohort = p.query.cohort ? p.cohorts.find((c) => c.id === p.query.cohort)?.label ?? null : null;
  return { p, report, cohort };
}

/** The value report (/c/:id/value): page, CSV and PDF for one period and cohort. */
export function valueRoutes(config: Config, sequelize: Sequelize): Router {
  void sequelize; // read-only pages
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/value', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    const { p, report } = await reportFor(req);
    const stories = await presentStories(actorOf(req.ctx), report.stories, res.locals.url);
    const query = { ...p.filters, from: p.period.fromDate, to: p.period.toDate, period: 'custom' };
    res.locals.navCurrent = 'value';
    res.render('value/report', {
      title: ctx.t('value.title'),
      cycles: presentCycles(ctx.lang, report, stories),
      formAction: `/c/${ctx.community!.id}/value`,
      storySubjects: true,
      links: { csv: res.locals.url(`/c/${ctx.community!.id}/value.csv`, query), pdf: res.locals.url(`/c/${ctx.community!.id}/value.pdf`, query), back: null },
      ...periodLocals(p),
    });
  });

  r.get('/c/:communityId/value.csv', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    const { p, report } = await reportFor(req);
    res
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${csvFileName(ctx.community!.id, 'value', p.period.fromDate, p.period.toDate)}"`)
      .set('Cache-Control', 'no-store')
      .send(await valueCsv(report, exportLang.parse(req.query).lang ?? ctx.lang));
  });

  r.get('/c/:communityId/value.pdf', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    const { p, report, cohort } = await reportFor(req);
    const pdf = await valuePdf(report, { community: ctx.community!.title, cohort }, exportLang.parse(req.query).lang ?? ctx.lang);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${csvFileName(ctx.community!.id, 'value', p.period.fromDate, p.period.toDate).replace(/\.csv$/, '.pdf')}"`)
      .set('Cache-Control', 'no-store')
      .send(pdf);
  });

  return r;
}
