import type { RequestHandler } from 'express';
import { notFound } from '../web/errors';
import { actorOf, idParam } from '../content/actor';
import { contentDisposition } from '../resources/files';
import type { FileStore } from '../resources/storage';
import { log } from '../log';
import { ValueStory } from './model';
import { loadSubject } from './subject';

/**
 * A story's evidence file, for members who may read the story and see its contribution (404
 * otherwise). Served as resources' files are: an attachment with our content type, nosniff and
 * a CSP sandbox, so it can never run in our origin.
 */
export function evidenceDownload(store: FileStore): RequestHandler {
  return async (req, res) => {
    const actor = actorOf(req);
    const story = await ValueStory.findOne({ where: { id: idParam(req.params.storyId), communityId: actor.communityId, deletedAt: null } });
    if (!story?.evidenceFileKey) throw notFound();
    await loadSubject(actor, story.subjectType, story.subjectId);
    const file = await store.open(story.evidenceFileKey).catch(() => null);
    if (!file) {
      log.error('upload_missing', { storyId: story.id });
      throw notFound();
    }
    res.status(200);
    res.setHeader('Content-Type', story.evidenceFileType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(story.evidenceFileName ?? 'evidence'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    file.stream.pipe(res);
  };
}
