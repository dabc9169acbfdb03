import type { Request, RequestHandler } from 'express';
import { member, type MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import { sendAttachment } from '../resources/download';
import type { FileStore } from '../resources/storage';
import { ValueStory } from './model';
import { loadSubject } from './subject';

/** A story of the community that has an evidence file, whose contribution the actor still sees (404 otherwise). */
async function storyWithEvidence(c: MemberContext, req: Request): Promise<ValueStory | null> {
  const story = await ValueStory.findOne({ where: { id: idParam(req.params.storyId), communityId: c.actor.communityId, deletedAt: null } });
  if (!story?.evidenceFileKey) return null;
  await loadSubject(c.actor, story.subjectType, story.subjectId);
  return story;
}

/**
 * A story's evidence file, for members who may read the story and see its contribution (404
 * otherwise). Served as resources' files are: an attachment with our content type, nosniff and
 * a CSP sandbox, so it can never run in our origin.
 */
export function evidenceDownload(store: FileStore): RequestHandler {
  return member()
    .load(storyWithEvidence)
    .handle(async ({ subject: story }, req, res) => {
      await sendAttachment(res, store, { key: story.evidenceFileKey!, type: story.evidenceFileType, name: story.evidenceFileName ?? 'evidence' }, { storyId: story.id });
    });
}
