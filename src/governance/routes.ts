import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { DomainError } from '../kernel/errors';
import { idParam } from '../kernel/ids';
import type { Actor } from '../kernel/actor';
import { splitSections, sectionsFromForm, MAX_SECTIONS } from '../charter/sections';
import { renderMarkdown } from '../content/document-markdown';
import { lineDiff } from '../charter/diff';
import { proposalForm, voteSchema } from './schemas';
import { openProposal } from './open';
import { castVote } from './vote';
import { closeProposal } from './close';
import { Proposal } from './model';
import { proposalLists, proposalDetail, governanceLinks, type View } from './presenters';
import { governancePolicy } from './policy';
import type { CharterVersion } from '../charter/model';
import { currentCharter } from '../charter/service';
import { toLocalInput } from '../content/time';
import { currentZone } from '../content/zone';

const viewOf = (c: MemberContext): View => ({ zone: currentZone(), lang: c.lang, t: c.t, url: c.url });
const mayTakePart = (a: Actor) => governancePolicy.takePart(a);
const findProposal = (c: MemberContext, req: Request) => Proposal.findOne({ where: { id: idParam(req.params.proposalId), communityId: c.actor.communityId } });

/** The charter proposals are opened under; without one nobody may open any (409, whoever asks). */
async function charterInForce(c: MemberContext): Promise<CharterVersion> {
  const charter = await currentCharter(c.actor.communityId);
  if (!charter) throw new DomainError('conflict', 'governance.errors.no_charter');
  return charter;
}

/** An amendment's charter comes section by section: the form's sections make its body, as the member reads it back. */
function withCharterSections(req: Request): Record<string, unknown> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const assembled = sectionsFromForm(body);
  if (assembled !== null) body.charterBody = assembled;
  return body;
}

/** Proposals and decisions: list, open, show, vote. */
export function governanceRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const base = '/c/:communityId/proposals';

  /** The proposal in the address, closed on sight when its deadline has passed and the worker has not run yet (the claim makes it safe). */
  const proposal = async (c: MemberContext, req: Request) => {
    const p = await findProposal(c, req);
    if (!p || p.status !== 'open' || p.deadline.getTime() > Date.now()) return p;
    await closeProposal(sequelize, p.id);
    return findProposal(c, req);
  };

  r.get(base, ...guard, route.handle(async (c, req, res) => {
    const charter = await currentCharter(c.actor.communityId);
    res.locals.navCurrent = 'governance';
    res.render('governance/index', {
      title: c.t('governance.title'), lists: await proposalLists(c.actor.communityId, viewOf(c)), canOpen: governancePolicy.open(c.actor, Boolean(charter)), hasCharter: Boolean(charter),
      links: governanceLinks(c.actor.communityId, c.url),
    });
  }));

  r.get(`${base}/new`, ...guard, route
    .load(charterInForce)
    .authorize(mayTakePart)
    .handle((c, req, res) => renderForm(c, req, res, {})));

  r.post(base, ...guard, route
    .load(charterInForce)
    .authorize(mayTakePart)
    .validate(() => proposalForm(currentZone()), {
      from: withCharterSections,
      invalid: (c, form, req, res) => renderForm(c, req, res, form.values, c.t(form.issues[0].message, { defaultValue: c.t('errors.invalid_input') })),
    })
    // A proposal the charter does not allow is shown on the form again, not on an error page.
    .transaction(async (c, t) => (c.input.preview ? null : openProposal(c.actor, c.input.proposal, t)), {
      refused: (c, err, req, res) => renderForm(c, req, res, req.body, c.t(err.messageKey)),
    })
    .handle((c, req, res) => {
      // "Preview" shows the amended charter rendered, and writes nothing.
      if (!c.result) return renderForm(c, req, res, req.body);
      res.redirect(303, c.url(`/c/${c.actor.communityId}/proposals/${c.result.id}`));
    }));

  r.get(`${base}/:proposalId`, ...guard, route
    .load(proposal)
    .handle(async (c, req, res) => {
      res.locals.navCurrent = 'governance';
      const detail = await proposalDetail(c.subject, c.actor, config.LTI_KEY, viewOf(c));
      res.render('governance/show', { title: c.subject.title, p: detail, voted: req.query.voted === '1' });
    }));

  r.post(`${base}/:proposalId/vote`, ...guard, route
    .load(findProposal)
    .validate(voteSchema)
    .authorize(mayTakePart)
    .transaction((c, t) => castVote(c.actor, c.subject.id, c.input, config.LTI_KEY, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/proposals/${c.subject.id}`, { voted: 1 }))));

  return r;
}

/** The form to open a proposal, of the kind asked, prefilled from the charter in force (the route has loaded it and checked the actor). */
function renderForm(c: MemberContext & { subject: CharterVersion }, req: Request, res: Response, values: Record<string, unknown>, error: string | null = null) {
  const charter = c.subject;
  const kind = ['decision', 'amendment', 'poll'].includes(String(values.kind ?? req.query.kind)) ? String(values.kind ?? req.query.kind) : 'decision';
  const zone = currentZone();
  const deadline = toLocalInput(new Date(Date.now() + 7 * 24 * 3600_000), zone);
  const defaults = { deadline, charterBody: charter.body, quorum: charter.rules.quorum, erasure: charter.rules.erasure ?? 'choice', ...Object.fromEntries(charter.rules.rules.map((x) => [`rule_${x}`, 'on'])) };
  const shown = values.kind ? values : defaults;
  const draft = typeof shown.charterBody === 'string' ? shown.charterBody : charter.body;
  res.locals.navCurrent = 'governance';
  res.render('governance/new', {
    title: c.t('governance.new_title'),
    kind,
    values: shown,
    sections: [...splitSections(draft), { heading: '', text: '' }].slice(0, MAX_SECTIONS),
    preview: values.preview ? { html: renderMarkdown(draft), diff: lineDiff(charter.body, draft) } : null,
    zone,
    allowedRules: charter.rules.rules,
    quorum: charter.rules.quorum,
    error,
    links: governanceLinks(c.actor.communityId, c.url),
  });
}
