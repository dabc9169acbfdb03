import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors, str } from '../content/forms';
import { parseTags } from '../content/tags';
import { pageRequest } from '../content/page';
import { namesOf } from '../content/people';
import { Membership } from '../kernel/community';
import { retryTransaction } from '../db/retry';
import { loadResource, presentResource } from '../resources/presenters';
import { resourcePolicy } from '../resources/policy';
import { diskStore, newFileKey } from '../resources/storage';
import type { Resource } from '../resources/model';
import { clipSchema, timeCommentSchema, replySchema, captionLangSchema } from './schemas';
import { shareClip, validMembers, addTimeComment } from './service';
import { streamedForm, diskFiles, videoMaxBytes, discardUploads } from './upload';
import { checkDiskFile, VIDEO_TYPES, POSTER_TYPES, POSTER_MAX_BYTES } from './files';
import { sendMedia } from './range';
import { presentClip } from './present';
import { embedUrl } from './embed';
import { addResourcePagePart, resourcePageParts } from '../resources/extensions';
import { VideoClip, VideoComment, VideoCaption } from './model';
import { putCaptions } from './captions';
import { commentsToThread } from './thread';

/**
 * Video of practice (issue 21): share a clip (streamed upload, consent, visibility), watch it
 * (range requests), time-coded comments and replies, captions, and turning the comments into a
 * knowledge-building thread. The clip's page is its resource page (src/resources/routes.ts).
 */
export function videoRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const store = diskStore(config.DATA_DIR);
  const guard = [sessionRequired(config), communityMember];
  const page = (a: Actor, id: number) => `/c/${a.communityId}/resources/${id}`;
  // A clip's resource page shows its player; a video link on an allowed host, its embedded player.
  addResourcePagePart('video', async (actor, resource, url) => ({
    video: resource.kind === 'clip' ? await presentClip(actor, resource, url) : null,
    embed: resource.kind === 'video' ? embedUrl(resource.url, config.VIDEO_EMBED_HOSTS) : null,
  }));

  r.get('/c/:communityId/videos/new', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!resourcePolicy.share(actor)) throw forbidden();
    await renderForm(req, res, actor, config.VIDEO_MAX_MB, { visibility: 'community' }, {});
  });

  r.post('/c/:communityId/videos', streamedForm(config, ['file', 'poster']), ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!resourcePolicy.share(actor)) throw forbidden();
    const t = req.ctx!.t;
    const parsed = clipSchema.safeParse(req.body ?? {});
    const tags = parseTags(str(req.body?.tags));
    const errors: Record<string, string> = parsed.success ? {} : formErrors(parsed.error.issues, t);
    if ('error' in tags) errors.tags = t(tags.error);
    const files = diskFiles(req);
    const max = { max: config.VIDEO_MAX_MB, types: Object.keys(VIDEO_TYPES).join(', ') };
    const video = res.locals.uploadError
      ? { ok: false as const, error: res.locals.uploadError as string }
      : files.file
        ? await checkDiskFile(files.file, VIDEO_TYPES, videoMaxBytes(config), { type: 'video.errors.type', tooLarge: 'video.errors.too_large' })
        : { ok: false as const, error: 'resources.errors.file_missing' };
    if (!video.ok) errors.file = t(video.error, max);
    const poster = files.poster ? await checkDiskFile(files.poster, POSTER_TYPES, POSTER_MAX_BYTES, { type: 'video.errors.poster_type', tooLarge: 'video.errors.poster_too_large' }) : null;
    if (poster && !poster.ok) errors.poster = t(poster.error, { max: POSTER_MAX_BYTES / 1024 / 1024 });
    const members = parsed.success ? await validMembers(actor, parsed.data.members) : [];
    if (parsed.success && parsed.data.visibility === 'members' && members.length === 0) errors.members = t('video.errors.members_none');
    if (!parsed.success || Object.keys(errors).length || 'error' in tags || !video.ok) {
      const status = res.locals.uploadError === 'video.errors.too_large' ? 413 : 400;
      await discardUploads(req);
      return renderForm(req, res.status(status), actor, config.VIDEO_MAX_MB, req.body ?? {}, errors);
    }
    const upload = { key: newFileKey(actor.communityId), name: video.name, mime: video.mime, path: files.file!.path, size: files.file!.size };
    const posterUpload = poster?.ok ? { key: newFileKey(actor.communityId), name: poster.name, mime: poster.mime, path: files.poster!.path, size: files.poster!.size } : null;
    try {
      const clip = await retryTransaction(sequelize, (tx) =>
        shareClip(actor, { ...parsed.data, visibility: parsed.data.visibility as 'community' | 'members' | 'facilitators', members, tags: tags.tags }, upload, posterUpload, store, tx),
      );
      res.redirect(303, res.locals.url(page(actor, clip.id)));
    } catch (err) {
      for (const key of [upload.key, posterUpload?.key]) if (key) await store.remove(key).catch(() => undefined);
      throw err;
    }
  });

  r.get('/c/:communityId/videos/:resourceId/stream', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.watch(actor, resource) || !resource.fileKey) throw notFound();
    await sendMedia(req, res, store, { key: resource.fileKey, type: resource.fileType ?? 'video/mp4' }, { resourceId: resource.id });
  });

  r.get('/c/:communityId/videos/:resourceId/poster', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    const clip = resourcePolicy.watch(actor, resource) ? await VideoClip.findOne({ where: { resourceId: resource.id } }) : null;
    if (!clip?.posterKey) throw notFound();
    await sendMedia(req, res, store, { key: clip.posterKey, type: clip.posterType ?? 'image/jpeg' }, { resourceId: resource.id });
  });

  r.get('/c/:communityId/videos/:resourceId/captions/:file', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    const lang = /^(fr|en)\.vtt$/.exec(String(req.params.file))?.[1];
    const caption = lang && resourcePolicy.watch(actor, resource) ? await VideoCaption.findOne({ where: { resourceId: resource.id, lang } }) : null;
    if (!caption) throw notFound();
    await sendMedia(req, res, store, { key: caption.fileKey, type: 'text/vtt; charset=utf-8' }, { resourceId: resource.id, lang });
  });

  r.post('/c/:communityId/videos/:resourceId/moments', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.timeComment(actor, resource)) throw forbidden();
    const parsed = timeCommentSchema.safeParse(req.body);
    if (!parsed.success) return renderPage(req, res.status(400), actor, resource, prefixed('moment', formErrors(parsed.error.issues, req.ctx!.t)), { at: str(req.body.at), body: str(req.body.body) });
    const c = await retryTransaction(sequelize, (tx) => addTimeComment(actor, resource, { at: parsed.data.at, body: parsed.data.body, parent: null }, tx));
    res.redirect(303, res.locals.url(page(actor, resource.id)) + `#moment-${c.id}`);
  });

  r.post('/c/:communityId/videos/:resourceId/moments/:commentId/replies', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.timeComment(actor, resource)) throw forbidden();
    const parent = await VideoComment.findOne({ where: { id: idParam(req.params.commentId), resourceId: resource.id, parentId: null, deletedAt: null } });
    if (!parent) throw notFound();
    const parsed = replySchema.safeParse(req.body);
    if (!parsed.success) return renderPage(req, res.status(400), actor, resource, { [`reply-${parent.id}`]: req.ctx!.t(parsed.error.issues[0].message) }, {});
    const c = await retryTransaction(sequelize, (tx) => addTimeComment(actor, resource, { at: parent.atSeconds, body: parsed.data.body, parent }, tx));
    res.redirect(303, res.locals.url(page(actor, resource.id)) + `#moment-${c.id}`);
  });

  r.post('/c/:communityId/videos/:resourceId/captions', streamedForm(config, ['captions']), ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.caption(actor, resource)) throw forbidden();
    const parsed = captionLangSchema.safeParse(req.body ?? {});
    const file = diskFiles(req).captions;
    const t = req.ctx!.t;
    const refuse = async (message: string) => {
      await discardUploads(req);
      return renderPage(req, res.status(400), actor, resource, { captions: t(message) }, {});
    };
    if (!parsed.success) return refuse('video.errors.lang');
    if (res.locals.uploadError || !file) return refuse('video.errors.vtt');
    const result = await putCaptions(sequelize, store, actor, resource, parsed.data.lang, file);
    if (!result.ok) return refuse(result.error);
    res.redirect(303, res.locals.url(page(actor, resource.id)) + '#captions-h');
  });

  r.post('/c/:communityId/videos/:resourceId/thread', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const resource = await loadResource(actor, idParam(req.params.resourceId));
    if (!resourcePolicy.toThread(actor, resource)) throw forbidden();
    const thread = await retryTransaction(sequelize, (tx) => commentsToThread(actor, resource, req.ctx!.t, tx));
    if (!thread) return renderPage(req, res.status(400), actor, resource, { toThread: req.ctx!.t('video.errors.no_moments') }, {});
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/threads/${thread.id}`));
  });

  return r;
}

function prefixed(prefix: string, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}-${k}`, v]));
}

/** The clip's resource page, with errors of one of its forms. */
export async function renderPage(req: Request, res: Response, actor: Actor, resource: Resource, errors: Record<string, string>, values: Record<string, string>) {
  const view = await presentResource(actor, resource, res.locals.url, pageRequest(1, 50));
  const parts = await resourcePageParts(actor, resource, res.locals.url);
  res.locals.navCurrent = 'resources';
  res.render('resources/show', { title: resource.title, view, ...parts, errors, values });
}

/** The members a clip can be shown to (active members of the community but the actor), by name. */
async function memberChoices(actor: Actor) {
  const rows = await Membership.findAll({ where: { communityId: actor.communityId, status: 'active' }, attributes: ['id', 'userId'], order: [['id', 'ASC']], limit: 500 });
  const names = await namesOf(rows.map((m) => m.userId));
  return rows
    .filter((m) => m.id !== actor.membershipId)
    .map((m) => ({ id: m.id, name: names.get(m.userId) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, actor.lang));
}

async function renderForm(req: Request, res: Response, actor: Actor, maxMb: number, values: Record<string, unknown>, errors: Record<string, string>) {
  res.locals.navCurrent = 'resources';
  const chosen = new Set((Array.isArray(values.members) ? values.members : [values.members]).map(String));
  res.render('video/form', {
    title: req.ctx!.t('video.new_title'),
    limits: { maxMb, types: Object.keys(VIDEO_TYPES).join(', '), posterTypes: Object.keys(POSTER_TYPES).join(', ') },
    members: (await memberChoices(actor)).map((m) => ({ ...m, checked: chosen.has(String(m.id)) })),
    values: { title: str(values.title), description: str(values.description), audience: str(values.audience), tags: str(values.tags), visibility: str(values.visibility) || 'community', consent: str(values.consent) === '1' },
    errors,
  });
}
