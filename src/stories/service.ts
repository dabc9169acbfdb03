/**
 * Value stories: write one on a contribution, remove one, list them. Each write is recorded in
 * the activity log (story.create), so the value report and the member's own history see it.
 */
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { recordActivity } from '../activity/model';
import { renderMarkdown } from '../content/markdown';
import { who } from '../discussions/posts';
import type { Actor } from '../kernel/actor';
import { ValueStory, type StoryCycle } from './model';
import type { StoryInput } from './schemas';
import type { StorySubject } from './subject';
import type { StoredUpload } from '../resources/service';
import type { FileStore } from '../resources/storage';

/**
 * Write a story on a contribution the actor may see (the route checked storyPolicy.write), with its
 * evidence file when there is one: stored last, so a failed write leaves no row, and removed again
 * when what follows it fails.
 */
export async function writeStory(actor: Actor, subject: Pick<StorySubject, 'type' | 'id'>, input: StoryInput, file: { upload: StoredUpload; store: FileStore } | null, transaction: Transaction): Promise<ValueStory> {
  const rendered = renderMarkdown(input.body);
  const story = await ValueStory.create(
    {
      communityId: actor.communityId,
      membershipId: actor.membershipId,
      authorId: actor.userId,
      subjectType: subject.type,
      subjectId: subject.id,
      cycle: input.cycle,
      bodyMd: input.body,
      bodyHtml: rendered.html,
      evidence: input.evidence ?? null,
      evidenceFileKey: file?.upload.key ?? null,
      evidenceFileName: file?.upload.name ?? null,
      evidenceFileType: file?.upload.mime ?? null,
      evidenceFileSize: file?.upload.buffer.length ?? null,
    },
    { transaction },
  );
  try {
    if (file) await file.store.put(file.upload.key, file.upload.buffer);
    await recordActivity({ ...who(actor), verb: 'story.create', subject: { type: 'story', id: story.id }, data: { cycle: input.cycle, on: subject.type, onId: subject.id, length: rendered.length } }, transaction);
  } catch (err) {
    // The transaction rolls the row back: the file it named goes too.
    if (file) await file.store.remove(file.upload.key).catch(() => undefined);
    throw err;
  }
  return story;
}

/** Remove a story (its author or a facilitator): it leaves every list and report. */
export async function removeStory(actor: Actor, story: ValueStory, transaction: Transaction): Promise<void> {
  await story.update({ deletedAt: new Date() }, { transaction });
  await recordActivity({ ...who(actor), verb: 'story.delete', subject: { type: 'story', id: story.id } }, transaction);
}

export interface StoryFilter {
  subject?: { type: string; id: number };
  cycle?: StoryCycle;
  /** [since, until) on the story's date. */
  since?: Date;
  until?: Date;
  /** Only stories by these memberships (a cohort). */
  membershipIds?: number[];
}

/** A community's stories, newest first (never another community's, never removed ones). */
export async function listStories(communityId: number, f: StoryFilter = {}, limit = 200): Promise<ValueStory[]> {
  const where: WhereOptions = { communityId, deletedAt: null };
  if (f.subject) Object.assign(where, { subjectType: f.subject.type, subjectId: f.subject.id });
  if (f.cycle) Object.assign(where, { cycle: f.cycle });
  if (f.since || f.until) Object.assign(where, { createdAt: { ...(f.since ? { [Op.gte]: f.since } : {}), ...(f.until ? { [Op.lt]: f.until } : {}) } });
  if (f.membershipIds) Object.assign(where, { membershipId: f.membershipIds });
  return ValueStory.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit });
}
