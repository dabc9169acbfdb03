import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, sessionContext, signedIn, type MemberContext, type SessionActor } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { DomainError } from '../kernel/errors';
import { idParam } from '../kernel/ids';
import { translator, langFromHeader } from '../i18n';
import { logAccess } from '../activity/access-log';
import { sendSoon } from '../participation/service';
import { PD_CATEGORIES } from './categories';
import { cycleOf, parseCycle, today } from './cycles';
import { transcriptCsv, transcriptPdf } from './export';
import { issueAttestation, normalizeCode, verifyAttestation } from './attestation';
import { attestationInfo } from './attestation-info';
import { addManualEntry, declareActivity, resubmitDeclaration, reviewDeclaration, withdrawEntry } from './ledger';
import { PdEntry } from './model';
import { canResubmit, canReview, canSeeInstitutionReport, canWithdraw, pdCan, pdPolicy } from './policy';
import { pdPage, presentVerification, reportCycles, reportLinks, transcriptLinks } from './presenters';
import { institutionReport, reportCsv } from './report';
import { entryForm, manualEntryForm, reportQuery, reviewForm, transcriptQuery, withdrawForm } from './schemas';
import { transcriptOf } from './transcript';

/** A ledger line of this community (never another's), or 404. */
const entry = (c: MemberContext, req: Request) => PdEntry.findOne({ where: { id: idParam(req.params.entryId), communityId: c.actor.communityId } });
const mayDeclare = (a: Actor) => pdPolicy.declare(a);
const mayAddManual = (a: Actor) => pdPolicy.addManual(a);
const mayResubmit = (a: Actor, e: PdEntry) => canResubmit(a.membershipId, e);
const mayReview = (a: Actor, e: PdEntry) => canReview(a, a.membershipId, e);
const mayWithdraw = (a: Actor, e: PdEntry) => canWithdraw(a, e);
const institutionAdmin = (a: SessionActor) => canSeeInstitutionReport(a.session.launch);

/** The cycle asked for (`2025-2027`), the current one when none is; a key that is not a cycle is refused (400). */
function chosenCycle(raw: string | undefined) {
  if (raw === undefined) return cycleOf(today());
  const c = parseCycle(raw);
  if (!c) throw new DomainError('invalid', 'pd.errors.cycle');
  return c;
}

/** The PD-hours pages: ledger, declarations, reviews, manual entries, transcript (page, PDF, CSV), institution report. */
export function pdRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);
  const guard = [session, communityMember];
  const route = member(sequelize);
  const home = (c: MemberContext, done: string) => c.url(`/c/${c.actor.communityId}/pd`, { done });
  /** The actor's transcript for the cycle in the query (the page, the PDF and the CSV). */
  const transcript = route
    .validate(transcriptQuery, { from: 'query' })
    .load((c) => transcriptOf(c.actor.userId, chosenCycle(c.input.cycle)));

  r.get('/c/:communityId/pd', ...guard, route.handle(async ({ actor, t, url }, req, res) => {
    const can = pdCan(actor);
    const page = await pdPage(actor, can.viewAll, url);
    res.locals.navCurrent = 'pd';
    res.render('pd/index', {
      title: t('pd.title'), ...page, can, categories: PD_CATEGORIES, today: today(),
      institutionAdmin: institutionAdmin(sessionContext(req, res).actor), notice: req.query.done,
    });
  }));

  r.post('/c/:communityId/pd/declarations', ...guard, route
    .authorize(mayDeclare)
    .validate(entryForm)
    .transaction((c, t) => declareActivity(c.actor, c.membership, c.input, t))
    .handle((c, req, res) => res.redirect(303, home(c, 'declared'))));

  r.post('/c/:communityId/pd/entries/:entryId/resubmit', ...guard, route
    .load(entry)
    .authorize(mayResubmit)
    .validate(entryForm)
    .transaction((c, t) => resubmitDeclaration(c.actor, c.subject, c.input, t))
    .handle((c, req, res) => res.redirect(303, home(c, 'resubmitted'))));

  r.post('/c/:communityId/pd/entries/:entryId/review', ...guard, route
    .load(entry)
    .authorize(mayReview)
    .validate(reviewForm)
    .transaction((c, t) => reviewDeclaration(c.actor, c.subject, c.input.decision, c.input.note || null, t))
    .handle((c, req, res) => {
      sendSoon(c.subject.communityId);
      res.redirect(303, home(c, c.input.decision === 'approve' ? 'approved' : 'returned'));
    }));

  r.post('/c/:communityId/pd/entries/:entryId/withdraw', ...guard, route
    .load(entry)
    .authorize(mayWithdraw)
    .validate(withdrawForm)
    .transaction((c, t) => withdrawEntry(c.actor, c.subject, c.input.reason, t))
    .handle((c, req, res) => {
      sendSoon(c.subject.communityId);
      res.redirect(303, home(c, 'withdrawn'));
    }));

  r.post('/c/:communityId/pd/manual', ...guard, route
    .authorize(mayAddManual)
    .validate(manualEntryForm)
    .transaction(({ actor, input: { member: memberId, ...fields } }, t) => addManualEntry(actor, memberId, fields, t))
    .handle((c, req, res) => {
      sendSoon(c.actor.communityId);
      res.redirect(303, home(c, 'added'));
    }));

  r.get('/c/:communityId/pd/transcript', ...guard, transcript.handle(({ actor, subject: tr, t, url }, req, res) => {
    res.locals.navCurrent = 'pd';
    res.render('pd/transcript', { title: t('pd.transcript_title'), tr, links: transcriptLinks(actor.communityId, tr.cycle.key, url) });
  }));

  r.get('/c/:communityId/pd/transcript.pdf', ...guard, transcript
    .transaction((c, t) => issueAttestation(c.actor, c.subject, t))
    .handle(async ({ community, lang, input, subject: tr, result: issued }, req, res) => {
      const pdf = await transcriptPdf(tr, input.lang ?? lang, await attestationInfo(config, community, issued.code));
      res.set('Content-Disposition', `attachment; filename="attestation-${tr.cycle.key}.pdf"`).type('application/pdf').send(pdf);
    }));

  r.get('/c/:communityId/pd/transcript.csv', ...guard, transcript.handle(({ lang, input, subject: tr }, req, res) => {
    res.set('Content-Disposition', `attachment; filename="pd-hours-${tr.cycle.key}.csv"`).type('text/csv; charset=utf-8').send(`\ufeff${transcriptCsv(tr, input.lang ?? lang)}`);
  }));

  // Public (no session, DESIGN.md's fixed contract): an employer checks an attestation's code.
  r.get('/verify/:code', async (req, res) => {
    const lang = req.query.lang === 'fr' || req.query.lang === 'en' ? req.query.lang : langFromHeader(req.get('accept-language'));
    const t = translator(lang);
    const code = normalizeCode(req.params.code);
    const found = code ? await verifyAttestation(code) : null;
    res.set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex').status(found ? 200 : 404);
    res.render('pd/verify', { lang, t, url: (p: string) => p, title: t('pd.verify.title'), found: presentVerification(lang, found) });
  });

  // Outside /c/:id: an institution spans communities. Its own check on the session's launch (403), then the filters (400).
  r.get(['/institution/report', '/institution/report.csv'], session, signedIn()
    .authorize(institutionAdmin)
    .validate(reportQuery, { from: 'query' })
    .handle(async ({ actor, input, lang, t, url }, req, res) => {
      const report = await institutionReport({ platformId: actor.session.platformId, deploymentRowId: actor.session.launch.deploymentRowId }, chosenCycle(input.cycle), input.category);
      await logAccess({ communityId: null, viewerUserId: actor.user.id, what: 'pd.report' });
      if (req.path.endsWith('.csv')) {
        return res.set('Content-Disposition', `attachment; filename="institution-pd-hours-${report.cycle.key}.csv"`).type('text/csv; charset=utf-8').send(`\ufeff${reportCsv(report, lang)}`);
      }
      res.render('pd/report', { title: t('pd.report_title'), report, cycles: reportCycles(), categories: PD_CATEGORIES, links: reportLinks(report.cycle.key, report.category, url) });
    }));

  return r;
}
