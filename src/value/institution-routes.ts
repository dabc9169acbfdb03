import { Router, type Request } from 'express';
import type { Config } from '../config';
import { sessionRequired } from '../web/session';
import { signedIn, type SessionActor, type SessionContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import { canSeeInstitutionReport } from '../pd/policy';
import { periodQuery, resolvePeriod } from '../analytics/period';
import { csvFileName } from '../analytics/csv';
import { presentStories } from '../stories/presenters';
import { valueReport } from './report';
import { valueCsv, valuePdf } from './export';
import { presentCycles } from './presenter';
import { exportLang } from './schemas';
import { institutionCohort, institutionCohorts } from './institution';

/** The session's institution: its platform and deployment. */
const institutionOf = (a: SessionActor) => ({ platformId: a.session.platformId, deploymentRowId: a.session.launch.deploymentRowId });

/** The cohort's report for the request's period (the cohort is the URL's, so no cohort filter); another institution's cohort is a 404. */
async function cohortReport(c: SessionContext, req: Request) {
  const { cohort, community } = await institutionCohort(institutionOf(c.actor), idParam(req.params.cohortId));
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
  // Institution administrators only (403), then the cohort of their institution (404).
  const admin = signedIn().authorize((a) => canSeeInstitutionReport(a.session.launch));
  const report = admin.load(cohortReport);

  r.get('/institution/value', session, admin.handle(async ({ actor, t, url }, req, res) => {
    const cohorts = await institutionCohorts(institutionOf(actor));
    res.render('value/institution', { title: t('value.institution.title'), cohorts: cohorts.map((c) => ({ ...c, href: url(`/institution/value/${c.id}`) })) });
  }));

  r.get('/institution/value/:cohortId.csv', session, report
    .validate(exportLang, { from: 'query' })
    .handle(async ({ lang, input, subject: { period, report, community } }, req, res) => {
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', period.fromDate, period.toDate)}"`)
        .set('Cache-Control', 'no-store')
        .send(await valueCsv(report, input.lang ?? lang));
    }));

  r.get('/institution/value/:cohortId.pdf', session, report
    .validate(exportLang, { from: 'query' })
    .handle(async ({ lang, input, subject: { period, report, community, course } }, req, res) => {
      const pdf = await valuePdf(report, { community: community.title, cohort: course }, input.lang ?? lang);
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="${csvFileName(community.id, 'value', period.fromDate, period.toDate).replace(/\.csv$/, '.pdf')}"`)
        .set('Cache-Control', 'no-store')
        .send(pdf);
    }));

  // After the downloads: `:cohortId` alone would also match "12.csv".
  r.get('/institution/value/:cohortId', session, report.handle(async ({ actor, lang, t, url, subject }, req, res) => {
    const { q, period, report, cohort, community, course } = subject;
    // The administrator may not be a member of the community: stories are shown without links into it.
    const reader = { userId: actor.user.id, membershipId: 0, communityId: community.id, role: 'observer' as const, lang };
    const stories = await presentStories(reader, report.stories, url);
    const base = `/institution/value/${cohort.id}`;
    const query = { period: 'custom', from: period.fromDate, to: period.toDate };
    res.render('value/report', {
      title: t('value.institution.report_title', { community: community.title }),
      subtitle: t('value.pdf.cohort', { cohort: course }),
      cycles: presentCycles(lang, report, stories),
      formAction: base,
      storySubjects: false,
      links: { csv: url(`${base}.csv`, query), pdf: url(`${base}.pdf`, query), back: url('/institution/value') },
      period,
      filters: { period: q.period, from: q.period === 'custom' ? q.from : undefined, to: q.period === 'custom' ? q.to : undefined },
      cohorts: [],
    });
  }));

  return r;
}
