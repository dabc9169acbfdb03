import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type InvalidForm, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { str } from '../content/forms';
import { pageRequest } from '../content/page';
import { namesOf } from '../content/people';
import { Membership } from '../kernel/community';
import { loadResource, presentResource } from '../resources/presenters';
import { resourcePolicy } from '../resources/policy';
import { diskStore } from '../resources/storage';
import type { Resource } from '../resources/model';
import { timeCommentSchema, replySchema } from './schemas';
import { clipForm, captionsForm, streamedInput } from './forms';
import { shareClipUpload, addTimeComment } from './service';
import { streamedForm, discardUploads } from './upload';
import { VIDEO_TYPES, POSTER_TYPES, POSTER_MAX_BYTES } from './files';
import { sendMedia } from './range';
import { clipFormLinks, presentClip } from './presenters';
import { embedUrl } from './embed';
import { addResourcePagePart, resourcePageParts } from '../resources/extensions';
import { VideoClip, VideoComment, VideoCaption } from './model';
import { putCaptions } from './captions';
import { commentsToThread } from './thread';

/** The resource in the address (scoped to the community, 404 when the actor may not see it). */
const resource = (c: MemberContext, req: Request) => loadResource(c.actor, idParam(req.params.resourceId));

/** A clip's media exist only for those who may watch it: anyone else gets 404, as for a missing file. */
const watched = async <T>(c: MemberContext, req: Request, media: (r: Resource) => Promise<T | null | undefined> | T | null | undefined) => {
  const r = await resource(c, req);
  return resourcePolicy.watch(c.actor, r) ? media(r) : null;
};

/**
 * Video of practice (issue 21): share a clip (streamed upload, consent, visibility), watch it
 * (range requests), time-coded comments and replies, captions, and turning the comments into a
 * knowledge-building thread. The clip's page is its resource page (src/resources/routes.ts).
 */
export function videoRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const store = diskStore(config.DATA_DIR);
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const page = (a: Actor, id: number) => `/c/${a.communityId}/resources/${id}`;
  // A clip's resource page shows its player; a video link on an allowed host, its embedded player.
  addResourcePagePart('video', async (actor, resource, url) => ({
    video: resource.kind === 'clip' ? await presentClip(actor, resource, url) : null,
    embed: resource.kind === 'video' ? embedUrl(resource.url, config.VIDEO_EMBED_HOSTS) : null,
  }));

  r.get('/c/:communityId/videos/new', ...guard, route
    .authorize(resourcePolicy.share)
    .handle((c, req, res) => renderForm(c, res, config.VIDEO_MAX_MB, { visibility: 'community' }, {})));

  r.post('/c/:communityId/videos', streamedForm(config, ['file', 'poster']), ...guard, route
    .authorize(resourcePolicy.share)
    .validate((c) => clipForm(config, c.actor), {
      from: streamedInput,
      invalid: async (c, form, req, res) => {
        await discardUploads(req);
        if (res.locals.uploadError === 'video.errors.too_large') res.status(413);
        const errors = { ...form.errors };
        const broken = (field: string) => form.issues.find((i) => i.path[0] === field)?.message;
        if (broken('file')) errors.file = c.t(broken('file')!, { max: config.VIDEO_MAX_MB, types: Object.keys(VIDEO_TYPES).join(', ') });
        if (broken('poster')) errors.poster = c.t(broken('poster')!, { max: POSTER_MAX_BYTES / 1024 / 1024 });
        await renderForm(c, res, config.VIDEO_MAX_MB, form.values, errors);
      },
    })
    .transaction(({ actor, input }, t) => {
      const clip = { ...input, visibility: input.visibility as 'community' | 'members' | 'facilitators', tags: input.tagList };
      return shareClipUpload(actor, clip, { video: input.video!, poster: input.poster }, store, t);
    })
    .handle((c, req, res) => res.redirect(303, c.url(page(c.actor, c.result.id)))));

  r.get('/c/:communityId/videos/:resourceId/stream', ...guard, route
    .load((c, req) => watched(c, req, (res) => (res.fileKey ? res : null)))
    .handle(async ({ subject }, req, res) => {
      await sendMedia(req, res, store, { key: subject.fileKey!, type: subject.fileType ?? 'video/mp4' }, { resourceId: subject.id });
    }));

  r.get('/c/:communityId/videos/:resourceId/poster', ...guard, route
    .load((c, req) => watched(c, req, async (res) => {
      const clip = await VideoClip.findOne({ where: { resourceId: res.id } });
      return clip?.posterKey ? clip : null;
    }))
    .handle(async ({ subject: clip }, req, res) => {
      await sendMedia(req, res, store, { key: clip.posterKey!, type: clip.posterType ?? 'image/jpeg' }, { resourceId: clip.resourceId });
    }));

  r.get('/c/:communityId/videos/:resourceId/captions/:file', ...guard, route
    .load((c, req) => {
      const lang = /^(fr|en)\.vtt$/.exec(String(req.params.file))?.[1];
      return watched(c, req, (res) => (lang ? VideoCaption.findOne({ where: { resourceId: res.id, lang } }) : null));
    })
    .handle(async ({ subject: caption }, req, res) => {
      await sendMedia(req, res, store, { key: caption.fileKey, type: 'text/vtt; charset=utf-8' }, { resourceId: caption.resourceId, lang: caption.lang });
    }));

  r.post('/c/:communityId/videos/:resourceId/moments', ...guard, route
    .load(resource)
    .authorize(resourcePolicy.timeComment)
    .validate(timeCommentSchema, {
      invalid: (c, form, req, res) => renderPage(c, res, c.subject, prefixed('moment', form.errors), { at: str(form.values.at), body: str(form.values.body) }),
    })
    .transaction(({ actor, subject, input }, t) => addTimeComment(actor, subject, { at: input.at, body: input.body, parent: null }, t))
    .handle((c, req, res) => res.redirect(303, c.url(page(c.actor, c.subject.id)) + `#moment-${c.result.id}`)));

  r.post('/c/:communityId/videos/:resourceId/moments/:commentId/replies', ...guard, route
    .load(resource)
    .authorize(resourcePolicy.timeComment)
    .load(async (c, req) => {
      const parent = await VideoComment.findOne({ where: { id: idParam(req.params.commentId), resourceId: c.subject.id, parentId: null, deletedAt: null } });
      return parent && { resource: c.subject, parent };
    })
    .validate(replySchema, {
      invalid: (c, form, req, res) => renderPage(c, res, c.subject.resource, { [`reply-${c.subject.parent.id}`]: c.t(form.issues[0].message) }, {}),
    })
    .transaction(({ actor, subject: { resource, parent }, input }, t) => addTimeComment(actor, resource, { at: parent.atSeconds, body: input.body, parent }, t))
    .handle((c, req, res) => res.redirect(303, c.url(page(c.actor, c.subject.resource.id)) + `#moment-${c.result.id}`)));

  r.post('/c/:communityId/videos/:resourceId/captions', streamedForm(config, ['captions']), ...guard, route
    .load(resource)
    .authorize(resourcePolicy.caption)
    .validate(captionsForm, {
      from: streamedInput,
      invalid: async (c, form, req, res) => {
        await discardUploads(req);
        await renderPage(c, res, c.subject, { captions: c.t(form.issues[0].message) }, {});
      },
    })
    .transaction(({ actor, subject, input }, t) => putCaptions(actor, subject, { lang: input.lang, ...input.$upload }, store, t))
    .handle(async (c, req, res) => {
      if (c.result.old) await store.remove(c.result.old).catch(() => undefined);
      res.redirect(303, c.url(page(c.actor, c.subject.id)) + '#captions-h');
    }));

  r.post('/c/:communityId/videos/:resourceId/thread', ...guard, route
    .load(resource)
    .authorize(resourcePolicy.toThread)
    .transaction((c, t) => commentsToThread(c.actor, c.subject, c.t, t))
    .handle(async (c, req, res) => {
      if (!c.result) return renderPage(c, res.status(400), c.subject, { toThread: c.t('video.errors.no_moments') }, {});
      res.redirect(303, c.url(`/c/${c.actor.communityId}/threads/${c.result.id}`));
    }));

  return r;
}

function prefixed(prefix: string, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}-${k}`, v]));
}

/** The clip's resource page, with errors of one of its forms. */
async function renderPage({ actor, url }: MemberContext, res: Response, resource: Resource, errors: Record<string, string>, values: Record<string, string>) {
  const view = await presentResource(actor, resource, url, pageRequest(1, 50));
  const parts = await resourcePageParts(actor, resource, url);
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

async function renderForm({ actor, t, url }: MemberContext, res: Response, maxMb: number, values: Record<string, unknown>, errors: Record<string, string>) {
  res.locals.navCurrent = 'resources';
  const chosen = new Set((Array.isArray(values.members) ? values.members : [values.members]).map(String));
  res.render('video/form', {
    title: t('video.new_title'),
    limits: { maxMb, types: Object.keys(VIDEO_TYPES).join(', '), posterTypes: Object.keys(POSTER_TYPES).join(', ') },
    members: (await memberChoices(actor)).map((m) => ({ ...m, checked: chosen.has(String(m.id)) })),
    values: { title: str(values.title), description: str(values.description), audience: str(values.audience), tags: str(values.tags), visibility: str(values.visibility) || 'community', consent: str(values.consent) === '1' },
    errors,
    links: clipFormLinks(actor, url),
  });
}
