import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { findTag, parseTags, tagsFor, tagsToInput } from '../content/tags';
import { pageRequest, pager } from '../content/page';
import { Post, type Thread } from '../discussions/model';
import { loadThread } from '../discussions/load';
import { listThreads } from '../discussions/threads';
import { replyToThread } from '../discussions/replies';
import { entrySchema, journalCommentSchema, sourceRef } from './schemas';
import { journalPolicy } from './policy';
import { adaptationSource, createEntry, editEntry, deleteEntry } from './service';
import { presentEntries, presentEntry } from './presenters';
import { retryTransaction } from '../db/retry';

/** The practice journal (the seeds' blogue): reflective entries, adaptation notes, comments. */
export function journalRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const base = (a: Actor) => `/c/${a.communityId}/journal`;

  r.get('/c/:communityId/journal', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const mine = req.query.mine === '1';
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const page = pageRequest(req.query.page, 20);
    const { rows, total } = await listThreads(actor, { kind: 'journal', authorId: mine ? actor.userId : null, tagId: tag ? tag.id : tagSlug ? -1 : null }, page);
    res.locals.navCurrent = 'journal';
    res.render('journal/list', {
      title: req.ctx!.t('journal.title'),
      entries: await presentEntries(actor, rows, res.locals.url),
      pager: pager(page, total),
      pagerBase: { path: base(actor), query: { mine: mine ? '1' : undefined, tag: tag?.slug } },
      filter: { mine, tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug },
      can: { write: journalPolicy.write(actor) },
    });
  });

  r.get('/c/:communityId/journal/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!journalPolicy.write(actor)) throw forbidden();
    const source = await adaptationSource(actor, sourceRef.parse(typeof req.query.source === 'string' ? req.query.source : undefined));
    await renderForm(req, res, actor, null, { visibility: 'community', source: source ? `${source.type}:${source.id}` : '' }, {});
  });

  r.post('/c/:communityId/journal', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!journalPolicy.write(actor)) throw forbidden();
    const parsed = entrySchema.safeParse(req.body);
    const tags = parseTags(str(req.body.tags));
    const source = parsed.success ? await adaptationSource(actor, parsed.data.source) : null;
    const errors: Record<string, string> = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
    if ('error' in tags) errors.tags = req.ctx!.t(tags.error);
    if (parsed.success && parsed.data.source && !source) errors.source = req.ctx!.t('journal.errors.source');
    if (!parsed.success || 'error' in tags || Object.keys(errors).length) return renderForm(req, res.status(400), actor, null, req.body, errors);
    const thread = await retryTransaction(sequelize, (t) => createEntry(actor, { ...parsed.data, tags: tags.tags, source: source ? { type: source.type, id: source.id } : null }, t));
    res.redirect(303, res.locals.url(`${base(actor)}/${thread.id}`));
  });

  r.get('/c/:communityId/journal/:entryId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    const view = await presentEntry(actor, thread, res.locals.url, pageRequest(req.query.page, 50));
    res.locals.navCurrent = 'journal';
    res.render('journal/show', { title: thread.title, view, values: {}, errors: {} });
  });

  r.get('/c/:communityId/journal/:entryId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    if (!journalPolicy.edit(actor, thread)) throw forbidden();
    const opening = await Post.findByPk(thread.firstPostId ?? 0);
    const tags = (await tagsFor('thread', [thread.id])).get(thread.id) ?? [];
    await renderForm(req, res, actor, thread, { title: thread.title, body: opening?.bodyMd ?? '', visibility: thread.visibility, tags: tagsToInput(tags) }, {});
  });

  r.post('/c/:communityId/journal/:entryId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    if (!journalPolicy.edit(actor, thread)) throw forbidden();
    const parsed = entrySchema.safeParse({ ...req.body, source: undefined });
    const tags = parseTags(str(req.body.tags));
    if (!parsed.success || 'error' in tags) {
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
      if ('error' in tags) errors.tags = req.ctx!.t(tags.error);
      return renderForm(req, res.status(400), actor, thread, req.body, errors);
    }
    await retryTransaction(sequelize, (t) => editEntry(actor, thread, { ...parsed.data, tags: tags.tags }, t));
    res.redirect(303, res.locals.url(`${base(actor)}/${thread.id}`));
  });

  r.get('/c/:communityId/journal/:entryId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    if (!journalPolicy.delete(actor, thread)) throw forbidden();
    res.locals.navCurrent = 'journal';
    res.render('journal/delete', { title: req.ctx!.t('journal.delete_title'), entry: { id: thread.id, title: thread.title } });
  });

  r.post('/c/:communityId/journal/:entryId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    if (!journalPolicy.delete(actor, thread)) throw forbidden();
    await retryTransaction(sequelize, (t) => deleteEntry(actor, thread, t));
    res.redirect(303, res.locals.url(base(actor)));
  });

  r.post('/c/:communityId/journal/:entryId/comments', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const thread = await loadThread(actor, idParam(req.params.entryId), ['journal']);
    if (!journalPolicy.comment(actor, thread)) throw forbidden();
    const parsed = journalCommentSchema.safeParse(req.body);
    if (!parsed.success) {
      const view = await presentEntry(actor, thread, res.locals.url, pageRequest(1, 50));
      res.locals.navCurrent = 'journal';
      return res.status(400).render('journal/show', { title: thread.title, view, values: { body: str(req.body.body) }, errors: formErrors(parsed.error.issues, req.ctx!.t) });
    }
    const post = await retryTransaction(sequelize, (t) => replyToThread(actor, thread, { body: parsed.data.body }, t, { type: 'journal', id: thread.id, authorId: thread.authorId }));
    res.redirect(303, res.locals.url(`${base(actor)}/${thread.id}`) + `#post-${post.id}`);
  });

  return r;
}

async function renderForm(req: Request, res: Response, actor: Actor, thread: Thread | null, values: Record<string, unknown>, errors: Record<string, string>) {
  const source = thread ? null : await adaptationSource(actor, sourceRef.parse(str(values.source) || undefined));
  res.locals.navCurrent = 'journal';
  res.render('journal/form', {
    title: req.ctx!.t(thread ? 'journal.edit_title' : source ? 'journal.new_adaptation_title' : 'journal.new_title'),
    entry: thread ? { id: thread.id } : null,
    source: source ? { ref: `${source.type}:${source.id}`, type: source.type, title: source.title } : null,
    values: { title: str(values.title), body: str(values.body), visibility: str(values.visibility) === 'private' ? 'private' : 'community', tags: str(values.tags) },
    errors,
  });
}
