import { splitSections, sectionsFromForm, MAX_SECTIONS } from '../charter/sections';
import { renderMarkdown } from '../content/document-markdown';
import { lineDiff } from '../charter/diff';
import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, notFound } from '../kernel/errors';
import { openProposalSchema, voteSchema, idParam, type OpenProposalForm } from './schemas';
import { charterRulesSchema } from '../charter/schemas';
import { openProposal, type OpenProposalInput } from './open';
import { castVote } from './vote';
import { closeProposal } from './close';
import { Proposal } from './model';
import { proposalLists, proposalDetail, type View } from './presenters';
import { governancePolicy } from './policy';
import { actorOf } from '../kernel/actor';
import { currentCharter } from '../charter/service';
import { localToUtc, toLocalInput } from '../content/time';
import { retryTransaction } from '../db/retry';
import { currentZone } from '../content/zone';

const ctxOf = (req: Request) => req.ctx!;
const viewOf = async (req: Request): Promise<View> => ({ zone: await currentZone(), lang: ctxOf(req).lang, t: ctxOf(req).t });

/** Load a proposal of this community (a proposal of another community is simply not found). */
async function loadProposal(req: Request): Promise<Proposal> {
  const id = idParam.safeParse(req.params.proposalId);
  if (!id.success) throw notFound();
  const p = await Proposal.findOne({ where: { id: id.data, communityId: ctxOf(req).community!.id } });
  if (!p) throw notFound();
  return p;
}

/** Turn the form into the command's input; the deadline and time options are read in the member's zone. */
function toInput(form: OpenProposalForm, body: Record<string, unknown>, zone: string): OpenProposalInput {
  const deadline = localToUtc(form.deadline, zone);
  if (!deadline) throw new DomainError('invalid', 'governance.errors.deadline_format');
  const times = [form.time1, form.time2, form.time3, form.time4, form.time5, form.time6].filter((x): x is string => Boolean(x));
  const options =
    form.pollMode === 'time'
      ? times.map((x) => localToUtc(x, zone)?.toISOString() ?? 'invalid')
      : form.options.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (options.includes('invalid')) throw new DomainError('invalid', 'governance.errors.time_format');
  const input: OpenProposalInput = { kind: form.kind, title: form.title, body: form.body, rule: form.rule, deadline, anonymous: form.anonymous, pollMode: form.pollMode, options };
  if (form.kind === 'amendment') input.amendment = { body: form.charterBody, rules: charterRulesSchema.parse(body) };
  return input;
}

/** Proposals and decisions: list, open, show, vote. */
export function governanceRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const base = '/c/:communityId/proposals';

  r.get(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const charter = await currentCharter(ctx.community!.id);
    res.locals.navCurrent = 'governance';
    res.render('governance/index', { title: ctx.t('governance.title'), lists: await proposalLists(ctx.community!.id, await viewOf(req)), canOpen: governancePolicy.open(ctx.role!, Boolean(charter)), hasCharter: Boolean(charter) });
  });

  r.get(`${base}/new`, ...guard, async (req, res) => {
    await renderForm(req, res, {}, null, 200);
  });

  r.post(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    // An amendment's charter comes section by section; "Preview" shows it rendered, and writes nothing.
    const assembled = sectionsFromForm(req.body);
    if (assembled !== null) req.body.charterBody = assembled;
    if (req.body.preview) return renderForm(req, res, req.body, null, 200);
    const parsed = openProposalSchema.safeParse(req.body);
    if (!parsed.success) return renderForm(req, res, req.body, ctx.t(parsed.error.issues[0].message, { defaultValue: ctx.t('errors.invalid_input') }), 400);
    try {
      const input = toInput(parsed.data, req.body, currentZone());
      const proposal = await retryTransaction(sequelize, (t) => openProposal(actorOf(ctx), input, t));
      res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/proposals/${proposal.id}`));
    } catch (err) {
      if (err instanceof DomainError && err.refusal === 'invalid') return renderForm(req, res, req.body, ctx.t(err.messageKey), 400);
      const issue = (err as { issues?: Array<{ message: string }> }).issues?.[0];
      if (issue) return renderForm(req, res, req.body, ctx.t(issue.message), 400);
      throw err;
    }
  });

  r.get(`${base}/:proposalId`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    let proposal = await loadProposal(req);
    // Close on sight when the deadline has passed and the worker has not run yet (the claim makes it safe).
    if (proposal.status === 'open' && proposal.deadline.getTime() <= Date.now()) {
      await closeProposal(sequelize, proposal.id);
      proposal = await loadProposal(req);
    }
    res.locals.navCurrent = 'governance';
    const detail = await proposalDetail(proposal, actorOf(ctx), config.LTI_KEY, await viewOf(req));
    res.render('governance/show', { title: proposal.title, p: detail, voted: req.query.voted === '1' });
  });

  r.post(`${base}/:proposalId/vote`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const proposal = await loadProposal(req);
    const input = voteSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => castVote(actorOf(ctx), proposal.id, input, config.LTI_KEY, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/proposals/${proposal.id}`, { voted: 1 }));
  });

  return r;
}

async function renderForm(req: Request, res: Response, values: Record<string, unknown>, error: string | null, status: number) {
  const ctx = ctxOf(req);
  const charter = await currentCharter(ctx.community!.id);
  if (!governancePolicy.open(ctx.role!, Boolean(charter))) throw charter ? new DomainError('forbidden', 'errors.forbidden') : new DomainError('conflict', 'governance.errors.no_charter');
  const kind = ['decision', 'amendment', 'poll'].includes(String(values.kind ?? req.query.kind)) ? String(values.kind ?? req.query.kind) : 'decision';
  const zone = currentZone();
  const deadline = toLocalInput(new Date(Date.now() + 7 * 24 * 3600_000), zone);
  const defaults = { deadline, charterBody: charter!.body, quorum: charter!.rules.quorum, erasure: charter!.rules.erasure ?? 'choice', ...Object.fromEntries(charter!.rules.rules.map((x) => [`rule_${x}`, 'on'])) };
  const shown = values.kind ? values : defaults;
  const draft = typeof shown.charterBody === 'string' ? shown.charterBody : charter!.body;
  res.locals.navCurrent = 'governance';
  res.status(status).render('governance/new', {
    title: ctx.t('governance.new_title'),
    kind,
    values: shown,
    sections: [...splitSections(draft), { heading: '', text: '' }].slice(0, MAX_SECTIONS),
    preview: values.preview ? { html: renderMarkdown(draft), diff: lineDiff(charter!.body, draft) } : null,
    zone,
    allowedRules: charter!.rules.rules,
    quorum: charter!.rules.quorum,
    error,
  });
}
