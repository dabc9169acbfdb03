import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import { str } from '../content/forms';
import { findTag } from '../content/tags';
import type { Thread } from '../discussions/model';
import { postLocation } from '../discussions/locate';
import { newProblemSchema, leadSchema, resolveSchema, statusSchema, toggleSchema, listQuery } from './schemas';
import { problemPolicy } from './policy';
import { loadLead, loadProblem } from './load';
import type { Problem } from './model';
import { createProblem } from './create';
import { addLead, markLeadHelpful, acceptSolution, resolveProblem, setProblemStatus } from './leads';
import { listProblems, newProblemLinks, presentProblem, problemListLinks } from './presenters';
import { loadMembers } from '../profiles/members';
import { markRead, markUnread, readPosition } from '../discussions/reads';

type Subject = { problem: Problem; thread: Thread };

/** The problem in the address (and its thread), in the actor's community, or 404. */
const problemOf = (c: MemberContext, req: Request) => loadProblem(c.actor, idParam(req.params.threadId));
/** The problem and the lead in the address, or 404. */
const leadOf = async (c: MemberContext, req: Request) => {
  const s = await problemOf(c, req);
  return { ...s, lead: await loadLead(s.thread, idParam(req.params.postId)) };
};
const problemPage = (c: MemberContext, s: Subject) => `/c/${c.actor.communityId}/problems/${s.thread.id}`;

/** Problem requests: list, new request, the problem page, leads, helpful marks, accepted solution, outcome, archive. */
export function problemRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/problems', ...guard, route
    .validate(listQuery, { from: 'query' })
    .handle(async ({ actor, input: q, t, url }, req, res) => {
      const tag = await findTag(actor.communityId, q.tag);
      const { problems, pager } = await listProblems(actor, { status: q.status, tagId: tag ? tag.id : q.tag ? -1 : null }, q.page, url);
      const links = problemListLinks(actor.communityId, { status: q.status ?? '', tag: tag?.slug }, url);
      res.locals.navCurrent = 'problems';
      res.render('problems/list', {
        title: t('problems.title'),
        problems,
        pager,
        pagerBase: links.pagerBase,
        filter: { status: q.status ?? '', tag: tag ? { slug: tag.slug, label: tag.label } : null },
        can: { create: problemPolicy.create(actor) },
        links,
      });
    }));

  r.get('/c/:communityId/problems/new', ...guard, route
    .authorize(problemPolicy.create)
    .handle((c, req, res) => {
      const to = typeof req.query.to === 'string' && /^\d+$/.test(req.query.to) ? [req.query.to] : [];
      return renderNew(c, res, { audience: to.length ? 'chosen' : 'community', to }, {});
    }));

  r.post('/c/:communityId/problems', ...guard, route
    .authorize(problemPolicy.create)
    .validate(newProblemSchema, { invalid: (c, form, req, res) => renderNew(c, res, form.values, form.errors) })
    .transaction(({ actor, input }, t) => createProblem(actor, input.form, input.tags, t))
    .handle(({ actor, result: problem, url }, req, res) => res.redirect(303, url(`/c/${actor.communityId}/problems/${problem.threadId}`))));

  r.get('/c/:communityId/problems/:threadId', ...guard, route
    .load(problemOf)
    .handle(async ({ actor, subject: { problem, thread }, url }, req, res) => {
      const [position, view] = await Promise.all([readPosition(actor.userId, thread.id), presentProblem(actor, problem, thread, url, req.query.page)]);
      const reading = markUnread(position, null, view.leads);
      await markRead(actor.userId, thread.id, Math.max(reading.highest, thread.firstPostId ?? 0));
      res.locals.navCurrent = 'problems';
      res.render('problems/show', { title: thread.title, view, values: {}, errors: {} });
    }));

  r.post('/c/:communityId/problems/:threadId/leads', ...guard, route
    .load(problemOf)
    .authorize((a, s) => problemPolicy.lead(a, s.problem))
    .validate(leadSchema, { invalid: (c, form, req, res) => renderShow(c, res, { body: str(form.values.body) }, form.errors) })
    .transaction(({ actor, subject: { problem, thread }, input }, t) => addLead(actor, problem, thread, input.body, t))
    .handle(async ({ subject, result: post, url }, req, res) => {
      const at = await postLocation(post, subject.thread);
      res.redirect(303, url(at.path, at.query) + at.hash);
    }));

  r.post('/c/:communityId/problems/:threadId/leads/:postId/helpful', ...guard, route
    .load(leadOf)
    .authorize((a, s) => problemPolicy.markHelpful(a, s.problem, s.lead))
    .validate(toggleSchema)
    .transaction(({ actor, subject: { problem, lead }, input }, t) => markLeadHelpful(actor, problem, lead, input.on, t))
    .handle((c, req, res) => res.redirect(303, c.url(problemPage(c, c.subject)) + `#post-${c.subject.lead.id}`)));

  r.post('/c/:communityId/problems/:threadId/leads/:postId/accept', ...guard, route
    .load(leadOf)
    .authorize((a, s) => problemPolicy.accept(a, s.problem, s.lead))
    .transaction(({ actor, subject: { problem, lead } }, t) => acceptSolution(actor, problem, lead, t))
    .handle((c, req, res) => res.redirect(303, c.url(problemPage(c, c.subject)) + `#post-${c.subject.lead.id}`)));

  r.post('/c/:communityId/problems/:threadId/resolve', ...guard, route
    .load(problemOf)
    .authorize((a, s) => problemPolicy.resolve(a, s.problem))
    .validate(resolveSchema, { invalid: (c, form, req, res) => renderShow(c, res, { resolution: str(form.values.resolution) }, form.errors) })
    .transaction(({ actor, subject: { problem }, input }, t) => resolveProblem(actor, problem, input.resolution, t))
    .handle((c, req, res) => res.redirect(303, c.url(problemPage(c, c.subject)) + '#outcome')));

  r.post('/c/:communityId/problems/:threadId/status', ...guard, route
    .load(problemOf)
    .validate(statusSchema)
    // Archiving and reopening are two rights: the status asked for is part of the subject.
    .load(({ subject, input }) => ({ ...subject, to: input.status }))
    .authorize((a, s) => (s.to === 'archived' ? problemPolicy.archive(a, s.problem) : problemPolicy.reopen(a, s.problem)))
    .transaction(({ actor, subject: { problem, thread, to } }, t) => setProblemStatus(actor, problem, thread, to, t))
    .handle((c, req, res) => res.redirect(303, c.url(problemPage(c, c.subject)))));

  return r;
}

/** The problem page again, with the form that failed (its values and messages; the status is already 400). */
async function renderShow({ actor, subject: { problem, thread }, url }: MemberContext & { subject: Subject }, res: Response, values: Record<string, string>, errors: Record<string, string>) {
  const view = await presentProblem(actor, problem, thread, url, 1);
  res.locals.navCurrent = 'problems';
  res.render('problems/show', { title: thread.title, view, values, errors });
}

/** The new-request form: members to address, those with matching expertise first (what the author is looking for). */
async function renderNew({ actor, t, url }: MemberContext, res: Response, values: Record<string, unknown>, errors: Record<string, string>) {
  const members = (await loadMembers(actor.communityId)).filter((m) => m.membershipId !== actor.membershipId && m.role !== 'observer');
  const chosen = new Set((Array.isArray(values.to) ? values.to : values.to ? [values.to] : []).map(String));
  res.locals.navCurrent = 'problems';
  res.render('problems/new', {
    title: t('problems.new_title'),
    values: { title: str(values.title), context: str(values.context), tried: str(values.tried), needed: str(values.needed), tags: str(values.tags), audience: str(values.audience) || 'community' },
    members: members
      .map((m) => ({ id: m.membershipId, name: m.name, chosen: chosen.has(String(m.membershipId)) }))
      .sort((a, b) => Number(b.chosen) - Number(a.chosen) || a.name.localeCompare(b.name, 'fr')),
    errors,
    links: newProblemLinks(actor.communityId, url),
  });
}
