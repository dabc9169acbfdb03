import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { readPeriod, periodLocals } from '../analytics/request';
import { csvFileName } from '../analytics/csv';
import { presentStories } from '../stories/presenters';
import { valuePolicy } from './policy';
import { valueReport } from './report';
import { valueCsv, valuePdf } from './export';
import { presentCycles } from './presenter';
import { exportLang } from './schemas';

/** The report of the request's period and cohort (a 400 on a bad period or cohort). */
async function reportOf(c: MemberContext, req: Request) {
  const p = await readPeriod(req, c.community);
  const report = await valueReport(c.community, p.period, p.query.cohort ?? null);
  const cohort = p.query.cohort ? p.cohorts.find((x) => x.id === p.query.cohort)?.label ?? null : null;
  return { p, report, cohort };
}

/** The value report (/c/:id/value): page, CSV and PDF for one period and cohort. */
export function valueRoutes(config: Config, sequelize: Sequelize): Router {
  void sequelize; // read-only pages
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  // The facilitator check first (403), then the period and cohort (400).
  const report = member().authorize(valuePolicy.view).load(reportOf);

  r.get('/c/:communityId/value', ...guard, report.handle(async ({ actor, community, lang, t, url, subject: { p, report } }, req, res) => {
    const stories = await presentStories(actor, report.stories, url);
    const query = { ...p.filters, from: p.period.fromDate, to: p.period.toDate, period: 'custom' };
    res.locals.navCurrent = 'value';
    res.render('value/report', {
      title: t('value.title'),
      cycles: presentCycles(lang, report, stories),
      formAction: `/c/${community.id}/value`,
      storySubjects: true,
      links: { csv: url(`/c/${community.id}/value.csv`, query), pdf: url(`/c/${community.id}/value.pdf`, query), back: null },
      ...periodLocals(p),
    });
  }));

  r.get('/c/:communityId/value.csv', ...guard, report
    .validate(exportLang, { from: 'query' })
    .handle(async ({ community, lang, input, subject: { p, report } }, req, res) => {
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', p.period.fromDate, p.period.toDate)}"`)
        .set('Cache-Control', 'no-store')
        .send(await valueCsv(report, input.lang ?? lang));
    }));

  r.get('/c/:communityId/value.pdf', ...guard, report
    .validate(exportLang, { from: 'query' })
    .handle(async ({ community, lang, input, subject: { p, report, cohort } }, req, res) => {
      const pdf = await valuePdf(report, { community: community.title, cohort }, input.lang ?? lang);
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', p.period.fromDate, p.period.toDate).replace(/\.csv$/, '.pdf')}"`)
        .set('Cache-Control', 'no-store')
        .send(pdf);
    }));

  return r;
}
