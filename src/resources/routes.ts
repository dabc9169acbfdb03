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
import { reasonSchema } from '../discussions/schemas';
import { shareFormSchema, editFormSchema, endorseSchema, commentSchema, SORTS, type ResourceSort } from './schemas';
import { resourcePolicy } from './policy';
import { shareResource, editResource, deleteResource, setEndorsement, setResourceHidden } from './service';
import { commentOnResource } from './comments';
import { listResources, loadResource, presentResource, presentResourceList, resourceFormLinks, resourceListLinks } from './presenters';
import { diskStore, newFileKey } from './storage';
import { multipartForm } from './upload';
import { checkUpload, ALLOWED_EXTENSIONS, MAX_UPLOAD_MB } from './files';
import { sendAttachment } from './download';
import type { Resource } from './model';
import { log } from '../log';
import { resourcePageParts } from './extensions';

/** The resource in the address, in the actor's community and visible to them, or 404. */
const resourceOf = (c: MemberContext, req: Request) => loadResource(c.actor, idParam(req.params.resourceId));
const limits = { max: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') };

/** The resource library: browse by tag, newest or most endorsed; share, edit, endorse, comment, download. */
export function resourceRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const store = diskStore(config.DATA_DIR);
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const resource = route.load(resourceOf);
  const base = (a: Actor) => `/c/${a.communityId}/resources`;

  r.get('/c/:communityId/resources', ...guard, route.handle(async ({ actor, t, url }, req, res) => {
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const sort: ResourceSort = SORTS.includes(req.query.sort as ResourceSort) ? (req.query.sort as ResourceSort) : 'newest';
    const page = pageRequest(req.query.page, 20);
    const { rows, total } = await listResources(actor, { tagId: tag ? tag.id : tagSlug ? -1 : null, sort }, page);
    const links = resourceListLinks(actor.communityId, { sort, tag: tag?.slug }, url);
    res.locals.navCurrent = 'resources';
    res.render('resources/list', {
      title: t('resources.title'),
      resources: await presentResourceList(actor, rows, url),
      pager: pager(page, total),
      pagerBase: links.pagerBase,
      filter: { tag: tag ? { slug: tag.slug, label: tag.label } : null, unknownTag: !tag && !!tagSlug, sort },
      can: { share: resourcePolicy.share(actor) },
      links,
    });
  }));

  r.get('/c/:communityId/resources/new', ...guard, route
    .authorize(resourcePolicy.share)
    .handle((c, req, res) => renderForm(c, res, null, { kind: typeof req.query.kind === 'string' ? req.query.kind : 'link' }, {})));

  r.post('/c/:communityId/resources', multipartForm, ...guard, route
    .authorize(resourcePolicy.share)
    .validate(shareFormSchema, {
      from: (req) => ({ body: req.body ?? {}, upload: checkFile(req, req.res!), buffer: req.file?.buffer }),
      invalid: (c, form, req, res) => {
        const file = form.issues.find((i) => i.path[0] === 'file');
        const errors = file ? { ...form.errors, file: c.t(file.message, limits) } : form.errors;
        if (res.locals.uploadError === 'resources.errors.file_too_large') res.status(413);
        return renderForm(c, res, null, req.body ?? {}, errors);
      },
    })
    .transaction(async ({ actor, input }, tx) => {
      const { file, ...fields } = input;
      const stored = file ? { key: newFileKey(actor.communityId), ...file } : null;
      try {
        return await shareResource(actor, fields, stored, store, tx);
      } catch (err) {
        // The file written by this attempt goes with it (a retry writes it again under a new key).
        if (stored) await store.remove(stored.key).catch(() => undefined);
        throw err;
      }
    })
    .handle(({ actor, result, url }, req, res) => res.redirect(303, url(`${base(actor)}/${result.id}`))));

  r.get('/c/:communityId/resources/:resourceId', ...guard, resource.handle(async ({ actor, subject, url }, req, res) => {
    const view = await presentResource(actor, subject, url, pageRequest(req.query.page, 50));
    const parts = await resourcePageParts(actor, subject, url);
    res.locals.navCurrent = 'resources';
    res.render('resources/show', { title: subject.title, view, ...parts, errors: {} });
  }));

  r.get('/c/:communityId/resources/:resourceId/download', ...guard, resource
    .authorize((a, res) => resourcePolicy.download(a, res) && !!res.fileKey)
    .handle(({ subject }, req, res) => sendAttachment(res, store, { key: subject.fileKey!, type: subject.fileType, name: subject.fileName ?? 'download' }, { resourceId: subject.id })));

  r.get('/c/:communityId/resources/:resourceId/edit', ...guard, resource
    .authorize(resourcePolicy.edit)
    .handle(async (c, req, res) => {
      const it = c.subject;
      const tags = (await tagsFor('resource', [it.id])).get(it.id) ?? [];
      renderForm(c, res, it, { title: it.title, url: it.url ?? '', description: it.descriptionMd, audience: it.audience ?? '', tags: tagsToInput(tags) }, {});
    }));

  r.post('/c/:communityId/resources/:resourceId/edit', ...guard, resource
    .authorize(resourcePolicy.edit)
    .validate((c) => editFormSchema(c.subject), { invalid: (c, form, req, res) => renderForm(c, res, c.subject, form.values, form.errors) })
    .transaction(({ actor, subject, input }, tx) => editResource(actor, subject, input, tx))
    .handle(({ actor, subject, url }, req, res) => res.redirect(303, url(`${base(actor)}/${subject.id}`))));

  r.get('/c/:communityId/resources/:resourceId/delete', ...guard, resource
    .authorize(resourcePolicy.delete)
    .handle(({ actor, subject, t, url }, req, res) => {
      res.locals.navCurrent = 'resources';
      res.render('resources/delete', { title: t('resources.delete_title'), resource: { id: subject.id, title: subject.title }, links: resourceFormLinks(actor.communityId, subject.id, url) });
    }));

  r.post('/c/:communityId/resources/:resourceId/delete', ...guard, resource
    .authorize(resourcePolicy.delete)
    .transaction(({ actor, subject }, tx) => deleteResource(actor, subject, tx))
    .handle(async ({ actor, result: keys, url }, req, res) => {
      // The row is already gone from the library; a file that cannot be removed now is logged, not shown as an error.
      for (const key of keys) await store.remove(key).catch((err: Error) => log.error('upload_remove_failed', { key, error: err.message }));
      res.redirect(303, url(base(actor)));
    }));

  r.post('/c/:communityId/resources/:resourceId/endorse', ...guard, resource
    .authorize(resourcePolicy.endorse)
    .validate(endorseSchema)
    .transaction(({ actor, subject, input }, tx) => setEndorsement(actor, subject, input.on, tx))
    .handle(({ actor, subject, url }, req, res) => res.redirect(303, url(`${base(actor)}/${subject.id}`))));

  r.post('/c/:communityId/resources/:resourceId/comments', ...guard, resource
    .authorize(resourcePolicy.comment)
    .validate(commentSchema, { invalid: (c, form, req, res) => renderShow(c, res, form.errors, { body: str(form.values.body) }) })
    .transaction(({ actor, subject, input }, tx) => commentOnResource(actor, subject, input.body, tx))
    .handle(({ actor, subject, result: post, url }, req, res) => res.redirect(303, url(`${base(actor)}/${subject.id}`) + `#post-${post.id}`)));

  for (const [action, hidden] of [['hide', true], ['restore', false]] as const) {
    r.post(`/c/:communityId/resources/:resourceId/${action}`, ...guard, resource
      .authorize(resourcePolicy[action])
      .validate(reasonSchema, { invalid: (c, form, req, res) => renderShow(c, res, { [action]: c.t('discussions.errors.reason_length') }, { body: str(form.values.body) }) })
      .transaction(({ actor, subject, input }, tx) => setResourceHidden(actor, subject, hidden, input.reason, tx))
      .handle(({ actor, subject, url }, req, res) => res.redirect(303, url(`${base(actor)}/${subject.id}`))));
  }

  return r;
}

/** The uploaded file, checked (name, size, type, first bytes) — or why it is refused. */
function checkFile(req: Request, res: Response) {
  if (res.locals.uploadError) return { ok: false as const, error: res.locals.uploadError as string };
  if (!req.file) return { ok: false as const, error: 'resources.errors.file_missing' };
  return checkUpload(req.file);
}

function renderForm({ actor, t, url }: MemberContext, res: Response, resource: Resource | null, values: Record<string, unknown>, errors: Record<string, string>) {
  res.locals.navCurrent = 'resources';
  const kind = resource?.kind ?? (['link', 'video', 'file'].includes(str(values.kind)) ? str(values.kind) : 'link');
  res.render('resources/form', {
    title: t(resource ? 'resources.edit_title' : 'resources.new_title'),
    resource: resource ? { id: resource.id, kind: resource.kind, fileName: resource.fileName } : null,
    kind,
    limits: { maxMb: MAX_UPLOAD_MB, types: ALLOWED_EXTENSIONS.join(', ') },
    values: { kind, title: str(values.title), url: str(values.url), description: str(values.description), audience: str(values.audience), tags: str(values.tags) },
    errors,
    links: resourceFormLinks(actor.communityId, resource?.id ?? null, url),
  });
}

/** The resource page again with the form that failed (the status is already 400). */
async function renderShow({ actor, subject, url }: MemberContext & { subject: Resource }, res: Response, errors: Record<string, string>, values: Record<string, string>) {
  const view = await presentResource(actor, subject, url, pageRequest(1, 50));
  const parts = await resourcePageParts(actor, subject, url);
  res.locals.navCurrent = 'resources';
  res.render('resources/show', { title: subject.title, view, ...parts, errors, values });
}
