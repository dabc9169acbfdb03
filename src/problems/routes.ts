import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { findTag, parseTags } from '../content/tags';
import { postLocation } from '../discussions/locate';
import { problemSchema, leadSchema, resolveSchema, statusSchema, toggleSchema, listQuery } from './schemas';
import { problemPolicy } from './policy';
import { loadLead, loadProblem } from './load';
import { createProblem } from './create';
import { addLead, markLeadHelpful, acceptSolution, resolveProblem, setProblemStatus } from './leads';
import { listProblems, presentProblem } from './presenter';
import { loadMembers } from '../profiles/members';
import { markRead, markUnread, readPosition } from '../discussions/reads';
import { retryTransaction } from '../db/retry';

/** Problem requests: list, new request, the problem page, leads, helpful marks, accepted solution, outcome, archive. */
export function problemRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/problems', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const q = listQuery.parse(req.query);
    const tag = await findTag(actor.communityId, q.tag);
    const { problems, pager } = await listProblems(actor, { status: q.status, tagId: tag ? tag.id : q.tag ? -1 : null }, q.page, res.locals.url);
    res.locals.navCurrent = 'problems';
    res.render('problems/list', {
      title: req.ctx!.t('problems.title'),
      problems,
      pager,
      pagerBase: { path: `/c/${actor.communityId}/problems`, query: { status: q.status, tag: tag?.slug } },
      filter: { status: q.status ?? '', tag: tag ? { slug: tag.slug, label: tag.label } : null },
      can: { create: problemPolicy.create(actor) },
    });
  });

  r.get('/c/:communityId/problems/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!problemPolicy.create(actor)) throw forbidden();
    const to = typeof req.query.to === 'string' && /^\d+$/.test(req.query.to) ? [req.query.to] : [];
    await renderNew(req, res, actor, { audience: to.length ? 'chosen' : 'community', to }, {});
  });

  r.post('/c/:communityId/problems', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!problemPolicy.create(actor)) throw forbidden();
    const parsed = problemSchema.safeParse(req.body);
    const tags = parseTags(str(req.body.tags));
    if (!parsed.success || 'error' in tags) {
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
      if ('error' in tags) errors.tags = req.ctx!.t(tags.error);
      return renderNew(req, res.status(400), actor, req.body, errors);
    }
    const problem = await retryTransaction(sequelize, (t) => createProblem(actor, parsed.data, tags.tags, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/problems/${problem.threadId}`));
  });

  r.get('/c/:communityId/problems/:threadId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    const [position, view] = await Promise.all([readPosition(actor.userId, thread.id), presentProblem(actor, problem, thread, res.locals.url, req.query.page)]);
    const reading = markUnread(position, null, view.leads);
    await markRead(actor.userId, thread.id, Math.max(reading.highest, thread.firstPostId ?? 0));
    res.locals.navCurrent = 'problems';
    res.render('problems/show', { title: thread.title, view, values: {}, errors: {} });
  });

  r.post('/c/:communityId/problems/:threadId/leads', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    if (!problemPolicy.lead(actor, problem)) throw forbidden();
    const parsed = leadSchema.safeParse(req.body);
    if (!parsed.success) {
      const view = await presentProblem(actor, problem, thread, res.locals.url, 1);
      res.locals.navCurrent = 'problems';
      return res.status(400).render('problems/show', { title: thread.title, view, values: { body: str(req.body.body) }, errors: formErrors(parsed.error.issues, req.ctx!.t) });
    }
    const post = await retryTransaction(sequelize, (t) => addLead(actor, problem, thread, parsed.data.body, t));
    const at = await postLocation(post, thread);
    res.redirect(303, res.locals.url(at.path, at.query) + at.hash);
  });

  r.post('/c/:communityId/problems/:threadId/leads/:postId/helpful', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    const lead = await loadLead(thread, idParam(req.params.postId));
    if (!problemPolicy.markHelpful(actor, problem, lead)) throw forbidden();
    const { on } = toggleSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => markLeadHelpful(actor, problem, lead, on, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/problems/${thread.id}`) + `#post-${lead.id}`);
  });

  r.post('/c/:communityId/problems/:threadId/leads/:postId/accept', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    const lead = await loadLead(thread, idParam(req.params.postId));
    if (!problemPolicy.accept(actor, problem, lead)) throw forbidden();
    await retryTransaction(sequelize, (t) => acceptSolution(actor, problem, lead, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/problems/${thread.id}`) + `#post-${lead.id}`);
  });

  r.post('/c/:communityId/problems/:threadId/resolve', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    if (!problemPolicy.resolve(actor, problem)) throw forbidden();
    const parsed = resolveSchema.safeParse(req.body);
    if (!parsed.success) {
      const view = await presentProblem(actor, problem, thread, res.locals.url, 1);
      res.locals.navCurrent = 'problems';
      return res.status(400).render('problems/show', { title: thread.title, view, values: { resolution: str(req.body.resolution) }, errors: formErrors(parsed.error.issues, req.ctx!.t) });
    }
    await retryTransaction(sequelize, (t) => resolveProblem(actor, problem, parsed.data.resolution, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/problems/${thread.id}`) + '#outcome');
  });

  r.post('/c/:communityId/problems/:threadId/status', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const { problem, thread } = await loadProblem(actor, idParam(req.params.threadId));
    const { status } = statusSchema.parse(req.body);
    if (!(status === 'archived' ? problemPolicy.archive(actor, problem) : problemPolicy.reopen(actor, problem))) throw forbidden();
    await retryTransaction(sequelize, (t) => setProblemStatus(actor, problem, thread, status, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/problems/${thread.id}`));
  });

  return r;
}

/** The new-request form: members to address, those with matching expertise first (what the author is looking for). */
async function renderNew(req: Request, res: Response, actor: Actor, values: Record<string, unknown>, errors: Record<string, string>) {
  const members = (await loadMembers(actor.communityId)).filter((m) => m.membershipId !== actor.membershipId && m.role !== 'observer');
  const chosen = new Set((Array.isArray(values.to) ? values.to : values.to ? [values.to] : []).map(String));
  res.locals.navCurrent = 'problems';
  res.render('problems/new', {
    title: req.ctx!.t('problems.new_title'),
    values: { title: str(values.title), context: str(values.context), tried: str(values.tried), needed: str(values.needed), tags: str(values.tags), audience: str(values.audience) || 'community' },
    members: members
      .map((m) => ({ id: m.membershipId, name: m.name, chosen: chosen.has(String(m.membershipId)) }))
      .sort((a, b) => Number(b.chosen) - Number(a.chosen) || a.name.localeCompare(b.name, 'fr')),
    errors,
  });
}
