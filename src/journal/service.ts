import type { Transaction } from 'sequelize';
import { Post, Thread, type Visibility } from '../discussions/model';
import { startThread } from '../discussions/threads';
import { revisePost, who } from '../discussions/posts';
import { threadPolicy } from '../discussions/policy';
import { Resource } from '../resources/model';
import { withViewers } from '../resources/visibility';
import { resourcePolicy } from '../resources/policy';
import { setTags, type TagView } from '../content/tags';
import { reindexThread } from '../search/indexer';
import { SearchDocument } from '../search/model';
import { recordActivity } from '../activity/model';
import type { Actor } from '../kernel/actor';

export interface EntryInput {
  title: string;
  body: string;
  visibility: Visibility;
  tags: TagView[];
  source: { type: 'thread' | 'resource'; id: number } | null;
}

/** The thread or resource an adaptation note comes from, if the actor may see it in this community. */
export async function adaptationSource(actor: Actor, ref: { type: 'thread' | 'resource'; id: number } | null) {
  if (!ref) return null;
  if (ref.type === 'thread') {
    const t = await Thread.findOne({ where: { id: ref.id, communityId: actor.communityId, deletedAt: null } });
    return t && ['discussion', 'knowledge'].includes(t.kind) && threadPolicy.view(actor, t) ? { type: 'thread' as const, id: t.id, title: t.title } : null;
  }
  const r = await Resource.findOne({ where: { id: ref.id, communityId: actor.communityId } });
  return r && resourcePolicy.view(actor, await withViewers(r)) ? { type: 'resource' as const, id: r.id, title: r.title } : null;
}

/** Write a journal entry (or an adaptation note, with its source): recorded as journal.create. */
export async function createEntry(actor: Actor, input: EntryInput, transaction: Transaction): Promise<Thread> {
  const { thread } = await startThread(
    actor,
    { kind: 'journal', title: input.title, body: input.body, tags: input.tags, visibility: input.visibility, source: input.source },
    transaction,
  );
  return thread;
}

/** Edit an entry (any time: it is the author's journal). A change of visibility re-indexes its comments too. */
export async function editEntry(actor: Actor, thread: Thread, input: Omit<EntryInput, 'source'>, transaction: Transaction): Promise<void> {
  const opening = await Post.findByPk(thread.firstPostId ?? 0, { transaction });
  const visibilityChanged = thread.visibility !== input.visibility;
  await thread.update({ title: input.title, visibility: input.visibility }, { transaction });
  const revised = opening ? await revisePost(actor, thread, opening, { body: input.body, title: input.title }, transaction) : null;
  await setTags(actor.communityId, { type: 'thread', id: thread.id }, input.tags, transaction);
  if (visibilityChanged) {
    const posts = await Post.findAll({ where: { threadId: thread.id }, transaction });
    await reindexThread(thread, posts, transaction);
  }
  await recordActivity({ ...who(actor), verb: 'journal.edit', subject: { type: 'thread', id: thread.id }, data: { visibility: input.visibility, length: revised?.rendered.length ?? 0, mentions: revised?.mentioned ?? [] } }, transaction);
}

/** Delete an entry (its author): it leaves the journal and search, with its comments. */
export async function deleteEntry(actor: Actor, thread: Thread, transaction: Transaction): Promise<void> {
  await thread.update({ deletedAt: new Date() }, { transaction });
  await SearchDocument.destroy({ where: { threadId: thread.id }, transaction });
  await recordActivity({ ...who(actor), verb: 'journal.delete', subject: { type: 'thread', id: thread.id } }, transaction);
}
