import type { RequestHandler } from 'express';
import { notFound } from '../kernel/errors';
import { actorOf } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { sendAttachment } from '../resources/download';
import type { FileStore } from '../resources/storage';
import { ValueStory } from './model';
import { loadSubject } from './subject';

/**
 * A story's evidence file, for members who may read the story and see its contribution (404
 * otherwise). Served as resources' files are: an attachment with our content type, nosniff and
 * a CSP sandbox, so it can never run in our origin.
 */
export function evidenceDownload(store: FileStore): RequestHandler {
  return async (req, res) => {
    const actor = actorOf(req.ctx);
    const story = await ValueStory.findOne({ where: { id: idParam(req.params.storyId), communityId: actor.communityId, deletedAt: null } });
    if (!story?.evidenceFileKey) throw notFound();
    await loadSubject(actor, story.subjectType, story.subjectId);
    await sendAttachment(res, store, { key: story.evidenceFileKey, type: story.evidenceFileType, name: story.evidenceFileName ?? 'evidence' }, { storyId: story.id });
  };
}
