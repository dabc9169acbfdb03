import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound, DomainError } from '../kernel/errors';
import { Membership } from '../kernel/community';
import { idParam } from '../participation/schemas';
import { sendSoon } from '../participation/service';
import { PD_CATEGORIES } from './categories';
import { cycleOf, parseCycle, today } from './cycles';
import { transcriptCsv, transcriptPdf } from './export';
import { issueAttestation, normalizeCode, verifyAttestation } from './attestation';
import { longDate } from './export';
import { translator, langFromHeader, type Lang } from '../i18n';
import { attestationInfo } from './attestation-info';
import { addManualEntry, declareActivity, resubmitDeclaration, reviewDeclaration, withdrawEntry } from './ledger';
import { PdEntry } from './model';
import { canResubmit, canReview, canSeeInstitutionReport, pdCan, pdPolicy } from './policy';
import { pdPage } from './present';
import { institutionReport, reportCsv } from './report';
import { entryForm, manualForm, reportQuery, reviewForm, transcriptQuery, withdrawForm } from './schemas';
import { transcriptOf } from './transcript';
import { retryTransaction } from '../db/retry';
import { logAccess } from '../activity/access-log';
import { formatNumber } from '../content/numbers';

const actorOf = (req: Request) => ({ communityId: req.ctx!.community!.id, userId: req.ctx!.user.id, membershipId: req.ctx!.membership!.id });

/** A ledger line of this community (never another's). */
async function findEntry(req: Request): Promise<PdEntry> {
  const id = idParam.safeParse(req.params.entryId);
  const entry = id.success ? await PdEntry.findOne({ where: { id: id.data, communityId: req.ctx!.community!.id } }) : null;
  if (!entry) throw notFound();
  return entry;
}

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
  const home = (req: Request, done: string) => req.res!.locals.url(`/c/${req.ctx!.community!.id}/pd`, { done });

  r.get('/c/:communityId/pd', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const can = pdCan(ctx.role!);
    const page = await pdPage(ctx.community!.id, ctx.membership!.id, can.viewAll);
    res.locals.navCurrent = 'pd';
    res.render('pd/index', { title: ctx.t('pd.title'), ...page, can, categories: PD_CATEGORIES, today: today(), institutionAdmin: canSeeInstitutionReport(ctx.session.launch), notice: req.query.done });
  });

  r.post('/c/:communityId/pd/declarations', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!pdPolicy.declare(ctx.role!)) throw forbidden();
    const input = entryForm.parse(req.body);
    await retryTransaction(sequelize, (t) => declareActivity(actorOf(req), ctx.membership!, input, t));
    res.redirect(303, home(req, 'declared'));
  });

  r.post('/c/:communityId/pd/entries/:entryId/resubmit', session, communityMember, async (req, res) => {
    const entry = await findEntry(req);
    if (!canResubmit(req.ctx!.membership!.id, entry)) throw forbidden();
    const input = entryForm.parse(req.body);
    await retryTransaction(sequelize, (t) => resubmitDeclaration(actorOf(req), entry, input, t));
    res.redirect(303, home(req, 'resubmitted'));
  });

  r.post('/c/:communityId/pd/entries/:entryId/review', session, communityMember, async (req, res) => {
    const entry = await findEntry(req);
    if (!canReview(req.ctx!.role!, req.ctx!.membership!.id, entry)) throw forbidden();
    const { decision, note } = reviewForm.parse(req.body);
    await retryTransaction(sequelize, (t) => reviewDeclaration(actorOf(req), entry, decision, note || null, t));
    sendSoon(entry.communityId);
    res.redirect(303, home(req, decision === 'approve' ? 'approved' : 'returned'));
  });

  r.post('/c/:communityId/pd/entries/:entryId/withdraw', session, communityMember, async (req, res) => {
    const entry = await findEntry(req);
    if (!pdPolicy.withdraw(req.ctx!.role!) || entry.status === 'withdrawn') throw forbidden();
    const { reason } = withdrawForm.parse(req.body);
    await retryTransaction(sequelize, (t) => withdrawEntry(actorOf(req), entry, reason, t));
    sendSoon(entry.communityId);
    res.redirect(303, home(req, 'withdrawn'));
  });

  r.post('/c/:communityId/pd/manual', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!pdPolicy.addManual(ctx.role!)) throw forbidden();
    const { member: memberId } = manualForm.parse(req.body);
    const input = entryForm.parse(req.body);
    const member = await Membership.findOne({ where: { id: memberId, communityId: ctx.community!.id, status: 'active' } });
    // Hours one enters for oneself need another facilitator's eye: declare them instead.
    if (!member || member.id === ctx.membership!.id) throw new DomainError('invalid', 'pd.errors.member');
    await retryTransaction(sequelize, (t) => addManualEntry(actorOf(req), member, input, t));
    sendSoon(ctx.community!.id);
    res.redirect(303, home(req, 'added'));
  });

  r.get('/c/:communityId/pd/transcript', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const q = transcriptQuery.parse(req.query);
    const tr = await transcriptOf(ctx.user.id, chosenCycle(q.cycle));
    res.locals.navCurrent = 'pd';
    res.render('pd/transcript', { title: ctx.t('pd.transcript_title'), tr });
  });

  r.get('/c/:communityId/pd/transcript.pdf', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const q = transcriptQuery.parse(req.query);
    const tr = await transcriptOf(ctx.user.id, chosenCycle(q.cycle));
    const issued = await retryTransaction(sequelize, (t) => issueAttestation(ctx.user.id, ctx.community!.id, tr, t));
    const pdf = await transcriptPdf(tr, q.lang ?? ctx.lang, await attestationInfo(config, ctx.community!, issued.code));
    res.set('Content-Disposition', `attachment; filename="attestation-${tr.cycle.key}.pdf"`).type('application/pdf').send(pdf);
  });

  r.get('/c/:communityId/pd/transcript.csv', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const q = transcriptQuery.parse(req.query);
    const tr = await transcriptOf(ctx.user.id, chosenCycle(q.cycle));
    res.set('Content-Disposition', `attachment; filename="pd-hours-${tr.cycle.key}.csv"`).type('text/csv; charset=utf-8').send(`\ufeff${transcriptCsv(tr, q.lang ?? ctx.lang)}`);
  });

  // Public (no session, DESIGN.md's fixed contract): an employer checks an attestation's code.
  r.get('/verify/:code', async (req, res) => {
    const lang = req.query.lang === 'fr' || req.query.lang === 'en' ? req.query.lang : langFromHeader(req.get('accept-language'));
    const t = translator(lang);
    const code = normalizeCode(req.params.code);
    const found = code ? await verifyAttestation(code) : null;
    res.set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex').status(found ? 200 : 404);
    res.render('pd/verify', {
      lang, t, url: (p: string) => p, title: t('pd.verify.title'),
      found: found && { ...found, issuedOn: longDate(lang, found.issuedOn), hours: formatNumber(lang, found.totalMinutes / 60), period: cycleRange(lang, found.cycleKey) },
    });
  });

  // Outside /c/:id: an institution spans communities. Its own check on the session's launch.
  r.get(['/institution/report', '/institution/report.csv'], session, async (req, res) => {
    const ctx = req.ctx!;
    if (!canSeeInstitutionReport(ctx.session.launch)) throw forbidden();
    const q = reportQuery.parse(req.query);
    const report = await institutionReport({ platformId: ctx.session.platformId, deploymentRowId: ctx.session.launch.deploymentRowId }, chosenCycle(q.cycle), q.category);
    await logAccess({ communityId: null, viewerUserId: ctx.user.id, what: 'pd.report' });
    if (req.path.endsWith('.csv')) {
      return res.set('Content-Disposition', `attachment; filename="institution-pd-hours-${report.cycle.key}.csv"`).type('text/csv; charset=utf-8').send(`\ufeff${reportCsv(report, ctx.lang)}`);
    }
    const cycles = [-4, -2, 0, 2].map((d) => `${cycleOf(today()).startYear + d}-${cycleOf(today()).startYear + d + 2}`).reverse();
    res.render('pd/report', { title: ctx.t('pd.report_title'), report, cycles, categories: PD_CATEGORIES });
  });

  return r;
}

/** "Du 1er juillet 2025 au 30 juin 2027" for a cycle key (2025-2027). */
function cycleRange(lang: Lang, key: string): string {
  const c = parseCycle(key);
  return c ? translator(lang)('pd.cycle_range', { start: longDate(lang, c.start), end: longDate(lang, c.end) }) : key;
}
