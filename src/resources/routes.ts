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
import { replyToThread } from '../discussions/replies';
import { reasonSchema } from '../discussions/schemas';
import { Thread } from '../discussions/model';
import { resourceSchema, editResourceSchema, endorseSchema, commentSchema, SORTS, type ResourceSort } from './schemas';
import { resourcePolicy } from './policy';
import { shareResource, editResource, deleteResource, setEndorsement, setResourceHidden } from './service';
import { listResources, presentResourceList } from './list';
import { loadResource, presentResource } from './detail';
import { diskStore, newFileKey } from './storage';
import { multipartForm } from './upload';
import { checkUpload, ALLOWED_EXTENSIONS, MAX_UPLOAD_MB } from './files';
import { downloadRoute } from './download';
import type { Resource } from './model';
import { log } from '../log';
import { resourcePageParts } from './extensions';
import { retryTransaction } from '../db/retry';

/** The resource library: browse by tag, newest or most endorsed; share, edit, endorse, comment, download. */
export function resourceRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const store = diskStore(config.DATA_DIR);
  const guard = [sessionRequired(config), communityMember];
  const base = (a: Actor) => `/c/${a.communityId}/resources`;

  r.get('/c/:communityId/resources', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const sort: ResourceSort = SORTS.includes(req.query.sort as ResourceSort) ? (req.query.sort as ResourceSort) : 'newest';
    const page = pageRequest(req.query.page, 20);
    const { rows, total } = await listResources(actor, { tagId: tag ? tag.id : tagSlug ? -1 : null, sort }, page);
    res.locals.navCurrent = 'resources';
    res.render('resources/list', {
      title: req.ctx!.t('resources.title'),
      resources: await presentResourceList(actor, rows, res.locals.url),
      pager: pager(page, total),
      pagerBase: { path: base(actor), query: { tag: tag?.slug, sort } },
      filter: { tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug, sort },
      can: { share: resourcePolicy.share(actor) },
    });
  });

  r.get('/c/:communityId/resources/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!resourcePolicy.share(actor)) throw forbidden();
    renderForm(req, res, null, { kind: typeof req.query.kind === 'string' ? req.query.kind : 'link' }, {});
  });

  r.post('/c/:communityId/resources', multipartForm, ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!resourcePolicy.share(actor)) throw forbidden();
    const t = req.ctx!.t;
    const parsed = resourceSchema.safeParse(req.body ?? {});
    const tags = parseTags(str(req.body?.tags));
    const errors: Record<string, string> = parsed.success ? {} : formErrors(parsed.error.issues, t);
    if ('error' in tags) errors.tags = t(tags.error);
    const upload = parsed.success && parsed.data.kind === 'file' ? checkFile(req, res) : null;
    if (upload && !upload.ok) errors.file = t(upload.error, { max: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') });
    if (!parsed.success || Object.keys(errors).length || 'error' in tags) {
      const status = res.locals.uploadError === 'resources.errors.file_too_large' ? 413 : 400;
      return renderForm(req, res.status(status), null, req.body ?? {}, errors);
    }
    const stored = upload?.ok ? { key: newFileKey(actor.communityId), name: upload.name, mime: upload.mime, buffer: req.file!.buffer } : null;
    try {
      const resource = await retryTransaction(sequelize, (tx) => shareResource(actor, { ...parsed.data, url: 'url' in parsed.data ? parsed.data.url : undefined, tags: tags.tags }, stored, store, tx));
      res.redirect(303, res.locals.url(`${base(actor)}/${resource.id}`));
    } catch (err) {
      if (stored) await store.remove(stored.key).catch(() => undefined);
      throw err;
    }
  });

  r.get('/c/:communityId/resources/:resourceId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    const view = await presentResource(actor, resource, res.locals.url, pageRequest(req.query.page, 50));
    const parts = await resourcePageParts(actor, resource, res.locals.url);
    res.locals.navCurrent = 'resources';
    res.render('resources/show', { title: resource.title, view, ...parts, errors: {} });
  });

  r.get('/c/:communityId/resources/:resourceId/download', ...guard, downloadRoute(store));

  r.get('/c/:communityId/resources/:resourceId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.edit(actor, resource)) throw forbidden();
    const tags = (await tagsFor('resource', [resource.id])).get(resource.id) ?? [];
    renderForm(req, res, resource, { title: resource.title, url: resource.url ?? '', description: resource.descriptionMd, audience: resource.audience ?? '', tags: tagsToInput(tags) }, {});
  });

  r.post('/c/:communityId/resources/:resourceId/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.edit(actor, resource)) throw forbidden();
    const parsed = editResourceSchema.safeParse({ ...req.body, url: resource.kind === 'file' || resource.kind === 'clip' ? undefined : str(req.body.url) });
    const tags = parseTags(str(req.body.tags));
    if (!parsed.success || 'error' in tags) {
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
      if ('error' in tags) errors.tags = req.ctx!.t(tags.error);
      return renderForm(req, res.status(400), resource, req.body, errors);
    }
    await retryTransaction(sequelize, (tx) => editResource(actor, resource, { ...parsed.data, tags: tags.tags }, tx));
    res.redirect(303, res.locals.url(`${base(actor)}/${resource.id}`));
  });

  r.get('/c/:communityId/resources/:resourceId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.delete(actor, resource)) throw forbidden();
    res.locals.navCurrent = 'resources';
    res.render('resources/delete', { title: req.ctx!.t('resources.delete_title'), resource: { id: resource.id, title: resource.title } });
  });

  r.post('/c/:communityId/resources/:resourceId/delete', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.delete(actor, resource)) throw forbidden();
    const keys = await retryTransaction(sequelize, (tx) => deleteResource(actor, resource, tx));
    // The row is already gone from the library; a file that cannot be removed now is logged, not shown as an error.
    for (const key of keys) await store.remove(key).catch((err: Error) => log.error('upload_remove_failed', { key, error: err.message }));
    res.redirect(303, res.locals.url(base(actor)));
  });

  r.post('/c/:communityId/resources/:resourceId/endorse', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.endorse(actor, resource)) throw forbidden();
    const { on } = endorseSchema.parse(req.body);
    await retryTransaction(sequelize, (tx) => setEndorsement(actor, resource, on, tx));
    res.redirect(303, res.locals.url(`${base(actor)}/${resource.id}`));
  });

  r.post('/c/:communityId/resources/:resourceId/comments', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.comment(actor, resource)) throw forbidden();
    const parsed = commentSchema.safeParse(req.body);
    if (!parsed.success) return renderShowWithErrors(req, res, actor, resource, formErrors(parsed.error.issues, req.ctx!.t));
    const thread = await Thread.findOne({ where: { id: resource.threadId ?? 0, communityId: actor.communityId } });
    if (!thread) throw forbidden();
    const post = await retryTransaction(sequelize, (tx) => replyToThread(actor, thread, { body: parsed.data.body }, tx, { type: 'resource', id: resource.id, authorId: resource.authorId }));
    res.redirect(303, res.locals.url(`${base(actor)}/${resource.id}`) + `#post-${post.id}`);
  });

  for (const [action, hidden] of [['hide', true], ['restore', false]] as const) {
    r.post(`/c/:communityId/resources/:resourceId/${action}`, ...guard, async (req, res) => {
      const actor = actorOf(req.ctx);
      const resource = await loadResource(actor, idParam(req.params.resourceId));
      if (!resourcePolicy[action](actor, resource)) throw forbidden();
      const parsed = reasonSchema.safeParse(req.body);
      if (!parsed.success) return renderShowWithErrors(req, res, actor, resource, { [action]: req.ctx!.t('discussions.errors.reason_length') });
      await retryTransaction(sequelize, (tx) => setResourceHidden(actor, resource, hidden, parsed.data.reason, tx));
      res.redirect(303, res.locals.url(`${base(actor)}/${resource.id}`));
    });
  }

  return r;
}

/** The uploaded file, checked (name, size, type, first bytes) — or why it is refused. */
function checkFile(req: Request, res: Response) {
  if (res.locals.uploadError) return { ok: false as const, error: res.locals.uploadError as string };
  if (!req.file) return { ok: false as const, error: 'resources.errors.file_missing' };
  return checkUpload(req.file);
}

function renderForm(req: Request, res: Response, resource: Resource | null, values: Record<string, unknown>, errors: Record<string, string>) {
  res.locals.navCurrent = 'resources';
  const kind = resource?.kind ?? (['link', 'video', 'file'].includes(str(values.kind)) ? str(values.kind) : 'link');
  res.render('resources/form', {
    title: req.ctx!.t(resource ? 'resources.edit_title' : 'resources.new_title'),
    resource: resource ? { id: resource.id, kind: resource.kind, fileName: resource.fileName } : null,
    kind,
    limits: { maxMb: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') },
    values: { kind, title: str(values.title), url: str(values.url), description: str(values.description), audience: str(values.audience), tags: str(values.tags) },
    errors,
  });
}

async function renderShowWithErrors(req: Request, res: Response, actor: Actor, resource: Resource, errors: Record<string, string>) {
  const view = await presentResource(actor, resource, res.locals.url, pageRequest(1, 50));
  const parts = await resourcePageParts(actor, resource, res.locals.url);
  res.locals.navCurrent = 'resources';
  res.status(400).render('resources/show', { title: resource.title, view, ...parts, errors, values: { body: str(req.body.body) } });
}
