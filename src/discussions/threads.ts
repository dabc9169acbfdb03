import { Op, literal, type Transaction, type WhereOptions } from 'sequelize';
import { Thread, type ThreadKind, type Visibility } from './model';
import { insertPost, who } from './posts';
import { setTags, type TagView } from '../content/tags';
import { recordActivity } from '../activity/model';
import type { Actor } from '../kernel/actor';
import type { PageRequest } from '../content/page';

export interface StartThreadInput {
  kind: Exclude<ThreadKind, 'resource'>;
  title: string;
  body: string;
  tags: TagView[];
  scaffold?: string | null;
  visibility?: Visibility;
  /** Adaptation notes: the thread or resource whose practice is transposed. */
  source?: { type: 'thread' | 'resource'; id: number } | null;
}

/**
 * Start a thread with its opening post (a discussion question, a first knowledge contribution or
 * a journal entry), its tags, and one activity row: thread.create, or journal.create.
 */
export async function startThread(actor: Actor, input: StartThreadInput, transaction: Transaction) {
  const thread = await Thread.create(
    {
      communityId: actor.communityId,
      kind: input.kind,
      title: input.title,
      authorId: actor.userId,
      visibility: input.kind === 'journal' ? (input.visibility ?? 'community') : 'community',
      sourceType: input.source?.type ?? null,
      sourceId: input.source?.id ?? null,
      lastPostAt: new Date(),
      lastPosterId: actor.userId,
    },
    { transaction },
  );
  const { post, rendered, mentioned } = await insertPost(actor, thread, { body: input.body, scaffold: input.scaffold ?? null }, transaction, { opening: true });
  await setTags(actor.communityId, { type: 'thread', id: thread.id }, input.tags, transaction);
  const journal = input.kind === 'journal';
  await recordActivity(
    {
      ...who(actor),
      verb: journal ? 'journal.create' : 'thread.create',
      subject: { type: 'thread', id: thread.id },
      data: {
        kind: input.kind,
        postId: post.id,
        length: rendered.length,
        tags: input.tags.map((t) => t.slug),
        mentions: mentioned,
        ...(input.scaffold ? { scaffold: input.scaffold } : {}),
        ...(journal ? { visibility: thread.visibility, adaptation: input.source ?? null } : {}),
      },
    },
    transaction,
  );
  return { thread, post };
}

export interface ThreadFilter {
  kind: ThreadKind;
  tagId?: number | null;
  followingUserId?: number | null;
  authorId?: number | null;
  /** Journal lists: entries visible to this user (community ones, and their own private ones). */
  viewerId?: number;
}

/** One page of a community's threads: pinned first, then by latest post (index threads_list_ix). */
export async function listThreads(actor: Actor, filter: ThreadFilter, page: PageRequest): Promise<{ rows: Thread[]; total: number }> {
  const and: WhereOptions[] = [{ communityId: actor.communityId, kind: filter.kind, deletedAt: null }];
  if (filter.kind === 'journal') and.push({ [Op.or]: [{ visibility: 'community' }, { authorId: actor.userId }] });
  if (filter.authorId) and.push({ authorId: filter.authorId });
  if (filter.tagId) and.push({ id: { [Op.in]: literal(`(SELECT subject_id FROM taggings WHERE subject_type = 'thread' AND tag_id = ${Number(filter.tagId)})`) } });
  if (filter.followingUserId) and.push({ id: { [Op.in]: literal(`(SELECT thread_id FROM thread_follows WHERE user_id = ${Number(filter.followingUserId)})`) } });
  const where = { [Op.and]: and };
  const order: Array<[string, string]> = filter.kind === 'journal' ? [['createdAt', 'DESC'], ['id', 'DESC']] : [['pinned', 'DESC'], ['lastPostAt', 'DESC'], ['id', 'DESC']];
  const [rows, total] = await Promise.all([Thread.findAll({ where, order, limit: page.size, offset: page.offset }), Thread.count({ where })]);
  return { rows, total };
}
