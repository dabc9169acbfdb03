import { Router, type Request } from 'express';
import type { Config } from '../config';
import { sessionRequired } from '../web/session';
import { forbidden } from '../kernel/errors';
import { idParam } from '../kernel/ids';
import { canSeeInstitutionReport } from '../pd/policy';
import { periodQuery, resolvePeriod } from '../analytics/period';
import { csvFileName } from '../analytics/csv';
import { presentStories } from '../stories/presenter';
import { valueReport } from './report';
import { valueCsv, valuePdf } from './export';
import { presentCycles } from './presenter';
import { exportLang } from './schemas';
import { institutionCohort, institutionCohorts } from './institution';

/** The session's institution, after the institution-administrator check (403). */
function institutionOf(req: Request) {
  const ctx = req.ctx!;
  if (!canSeeInstitutionReport(ctx.session.launch)) throw forbidden();
  return { platformId: ctx.session.platformId, deploymentRowId: ctx.session.launch.deploymentRowId };
}

/** The cohort's report for the request's period (the cohort is the URL's, so no cohort filter). */
async function cohortReport(req: Request) {
  const { cohort, community } = await institutionCohort(institutionOf(req), idParam(req.params.cohortId));
  const q = periodQuery.parse({ ...req.query, cohort: undefined });
  const period = resolvePeriod(q, community.createdAt);
  const report = await valueReport(community, period, cohort.id);
  const course = cohort.contextTitle ?? cohort.contextLabel ?? `#${cohort.id}`;
  return { q, period, report, cohort, community, course };
}

/** The institution's value reports (/institution/value…): its cohorts, and each one's report, CSV and PDF. */
export function institutionValueRoutes(config: Config): Router {
  const r = Router();
  const session = sessionRequired(config);

  r.get('/institution/value', session, async (req, res) => {
    const cohorts = await institutionCohorts(institutionOf(req));
    res.render('value/institution', { title: req.ctx!.t('value.institution.title'), cohorts: cohorts.map((c) => ({ ...c, href: res.locals.url(`/institution/value/${c.id}`) })) });
  });

  r.get('/institution/value/:cohortId.csv', session, async (req, res) => {
    const { period, report, community } = await cohortReport(req);
    res
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', period.fromDate, period.toDate)}"`)
      .set('Cache-Control', 'no-store')
      .send(await valueCsv(report, exportLang.parse(req.query).lang ?? req.ctx!.lang));
  });

  r.get('/institution/value/:cohortId.pdf', session, async (req, res) => {
    const { period, report, community, course } = await cohortReport(req);
    const pdf = await valuePdf(report, { community: community.title, cohort: course }, exportLang.parse(req.query).lang ?? req.ctx!.lang);
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', period.fromDate, period.toDate).replace(/\.csv$/, '.pdf')}"`)
      .set('Cache-Control', 'no-store')
      .send(pdf);
  });

  // After the downloads: `:cohortId` alone would also match "12.csv".
  r.get('/institution/value/:cohortId', session, async (req, res) => {
    const ctx = req.ctx!;
    const { q, period, report, cohort, community, course } = await cohortReport(req);
    // The administrator may not be a member of the community: stories are shown without links into it.
    const actor = { userId: ctx.user.id, membershipId: 0, communityId: community.id, role: 'observer' as const, lang: ctx.lang };
    const stories = await presentStories(actor, report.stories, res.locals.url);
    const base = `/institution/value/${cohort.id}`;
    const query = { period: 'custom', from: period.fromDate, to: period.toDate };
    res.render('value/report', {
      title: ctx.t('value.institution.report_title', { community: community.title }),
      subtitle: ctx.t('value.pdf.cohort', { cohort: course }),
      cycles: presentCycles(ctx.lang, report, stories),
      formAction: base,
      storySubjects: false,
      links: { csv: res.locals.url(`${base}.csv`, query), pdf: res.locals.url(`${base}.pdf`, query), back: res.locals.url('/institution/value') },
      period,
      filters: { period: q.period, from: q.period === 'custom' ? q.from : undefined, to: q.period === 'custom' ? q.to : undefined },
      cohorts: [],
    });
  });

  return r;
}
