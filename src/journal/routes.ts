import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { str } from '../content/forms';
import { findTag, tagsFor, tagsToInput } from '../content/tags';
import { pageRequest, pager } from '../content/page';
import { Post, type Thread } from '../discussions/model';
import { loadThread } from '../discussions/load';
import { listThreads } from '../discussions/threads';
import { replyToThread } from '../discussions/replies';
import { editEntryForm, journalCommentSchema, newEntryForm, sourceRef } from './schemas';
import { journalPolicy } from './policy';
import { adaptationSource, createEntry, editEntry, deleteEntry } from './service';
import { presentEntries, presentEntry } from './presenters';

/** The entry in the address: a journal thread of this community the actor may read, or 404. */
const entry = (c: MemberContext, req: Request) => loadThread(c.actor, idParam(req.params.entryId), ['journal']);

/** The practice journal (the seeds' blogue): reflective entries, adaptation notes, comments. */
export function journalRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const base = (a: Actor) => `/c/${a.communityId}/journal`;

  r.get('/c/:communityId/journal', ...guard, route.handle(async ({ actor, t, url }, req, res) => {
    const mine = req.query.mine === '1';
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const page = pageRequest(req.query.page, 20);
    const { rows, total } = await listThreads(actor, { kind: 'journal', authorId: mine ? actor.userId : null, tagId: tag ? tag.id : tagSlug ? -1 : null }, page);
    res.locals.navCurrent = 'journal';
    res.render('journal/list', {
      title: t('journal.title'),
      entries: await presentEntries(actor, rows, url),
      pager: pager(page, total),
      pagerBase: { path: base(actor), query: { mine: mine ? '1' : undefined, tag: tag?.slug } },
      filter: { mine, tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug },
      can: { write: journalPolicy.write(actor) },
    });
  }));

  r.get('/c/:communityId/journal/new', ...guard, route
    .authorize(journalPolicy.write)
    .handle(async (c, req, res) => {
      const source = await adaptationSource(c.actor, sourceRef.parse(typeof req.query.source === 'string' ? req.query.source : undefined));
      await renderForm(c, res, null, { visibility: 'community', source: source ? `${source.type}:${source.id}` : '' }, {});
    }));

  r.post('/c/:communityId/journal', ...guard, route
    .authorize(journalPolicy.write)
    .validate((c) => newEntryForm(c.actor), { invalid: (c, form, req, res) => renderForm(c, res, null, form.values, form.errors) })
    .transaction((c, t) => createEntry(c.actor, c.input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`${base(c.actor)}/${c.result.id}`))));

  r.get('/c/:communityId/journal/:entryId', ...guard, route
    .load(entry)
    .handle(async ({ actor, subject: thread, url }, req, res) => {
      const view = await presentEntry(actor, thread, url, pageRequest(req.query.page, 50));
      res.locals.navCurrent = 'journal';
      res.render('journal/show', { title: thread.title, view, values: {}, errors: {} });
    }));

  r.get('/c/:communityId/journal/:entryId/edit', ...guard, route
    .load(entry)
    .authorize(journalPolicy.edit)
    .handle(async (c, req, res) => {
      const thread = c.subject;
      const opening = await Post.findByPk(thread.firstPostId ?? 0);
      const tags = (await tagsFor('thread', [thread.id])).get(thread.id) ?? [];
      await renderForm(c, res, thread, { title: thread.title, body: opening?.bodyMd ?? '', visibility: thread.visibility, tags: tagsToInput(tags) }, {});
    }));

  r.post('/c/:communityId/journal/:entryId/edit', ...guard, route
    .load(entry)
    .authorize(journalPolicy.edit)
    .validate(editEntryForm, { invalid: (c, form, req, res) => renderForm(c, res, c.subject, form.values, form.errors) })
    .transaction((c, t) => editEntry(c.actor, c.subject, c.input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`${base(c.actor)}/${c.subject.id}`))));

  r.get('/c/:communityId/journal/:entryId/delete', ...guard, route
    .load(entry)
    .authorize(journalPolicy.delete)
    .handle(({ subject: thread, t }, req, res) => {
      res.locals.navCurrent = 'journal';
      res.render('journal/delete', { title: t('journal.delete_title'), entry: { id: thread.id, title: thread.title } });
    }));

  r.post('/c/:communityId/journal/:entryId/delete', ...guard, route
    .load(entry)
    .authorize(journalPolicy.delete)
    .transaction((c, t) => deleteEntry(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, c.url(base(c.actor)))));

  r.post('/c/:communityId/journal/:entryId/comments', ...guard, route
    .load(entry)
    .authorize(journalPolicy.comment)
    .validate(journalCommentSchema, {
      invalid: async ({ actor, subject: thread, url }, form, req, res) => {
        const view = await presentEntry(actor, thread, url, pageRequest(1, 50));
        res.locals.navCurrent = 'journal';
        res.render('journal/show', { title: thread.title, view, values: { body: str(form.values.body) }, errors: form.errors });
      },
    })
    .transaction(({ actor, subject: thread, input }, t) => replyToThread(actor, thread, { body: input.body }, t, { type: 'journal', id: thread.id, authorId: thread.authorId }))
    .handle((c, req, res) => res.redirect(303, c.url(`${base(c.actor)}/${c.subject.id}`) + `#post-${c.result.id}`)));

  return r;
}

async function renderForm(c: MemberContext, res: Response, thread: Thread | null, values: Record<string, unknown>, errors: Record<string, string>) {
  const source = thread ? null : await adaptationSource(c.actor, sourceRef.parse(str(values.source) || undefined));
  res.locals.navCurrent = 'journal';
  res.render('journal/form', {
    title: c.t(thread ? 'journal.edit_title' : source ? 'journal.new_adaptation_title' : 'journal.new_title'),
    entry: thread ? { id: thread.id } : null,
    source: source ? { ref: `${source.type}:${source.id}`, type: source.type, title: source.title } : null,
    values: { title: str(values.title), body: str(values.body), visibility: str(values.visibility) === 'private' ? 'private' : 'community', tags: str(values.tags) },
    errors,
  });
}
