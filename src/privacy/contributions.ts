import { Op, type Sequelize, type Transaction } from 'sequelize';
import { Post, Thread, Reaction } from '../discussions/model';
import { Resource, ResourceEndorsement } from '../resources/model';
import { Problem } from '../problems/model';
import { SearchDocument } from '../search/model';
import { VideoComment } from '../video/model';
import { withdrawAttachments } from '../resources/extensions';

/** What stands in for a removed title (threads and resources keep their place). */
export const REMOVED_TITLE = '—';

/**
 * Remove what a person wrote, keeping the shape of what others wrote around it: their posts
 * become "removed" placeholders (as when an author deletes a post, so replies keep their
 * context), a thread they opened keeps others' replies under a neutral title and disappears
 * when no one else wrote in it, their resources leave the library (files removed after commit),
 * their time-coded comments on clips are emptied, their reactions and endorsements go, and search
 * forgets all of it.
 */
export async function removeContributions(
  _sequelize: Sequelize,
  who: { userId: number; membershipIds: number[]; keepIn: number[] },
  transaction: Transaction,
): Promise<{ counts: Record<string, number>; fileKeys: string[] }> {
  const now = new Date();
  // Communities whose charter keeps contributions (charter rules `erasure: 'keep'`) keep them.
  const here = who.keepIn.length ? { communityId: { [Op.notIn]: who.keepIn } } : {};
  const counts: Record<string, number> = {};
  const posts = await Post.findAll({ where: { authorId: who.userId, ...here }, attributes: ['id'], transaction });
  const postIds = posts.map((p) => p.id);
  if (postIds.length) {
    [counts.posts] = await Post.update({ bodyMd: '', bodyHtml: '', textLength: 0, deletedAt: now }, { where: { id: { [Op.in]: postIds } }, transaction });
    await SearchDocument.destroy({ where: { postId: { [Op.in]: postIds } }, transaction });
  }
  const threads = await Thread.findAll({ where: { authorId: who.userId, ...here }, attributes: ['id', 'deletedAt'], transaction });
  for (const th of threads) {
    const others = await Post.count({ where: { threadId: th.id, deletedAt: null, authorId: { [Op.ne]: who.userId } }, transaction });
    await th.update(others ? { title: REMOVED_TITLE } : { title: REMOVED_TITLE, deletedAt: th.deletedAt ?? now }, { transaction });
  }
  counts.threads = threads.length;
  if (who.membershipIds.length) {
    const problems = await Problem.findAll({ where: { authorMembershipId: { [Op.in]: who.membershipIds }, ...here }, attributes: ['id'], transaction });
    if (problems.length) {
      const ids = problems.map((p) => p.id);
      [counts.problems] = await Problem.update({ triedMd: '', triedHtml: '', neededMd: '', neededHtml: '', resolutionMd: null, resolutionHtml: null }, { where: { id: { [Op.in]: ids } }, transaction });
      await SearchDocument.destroy({ where: { docKey: { [Op.in]: ids.map((id) => `problem:${id}`) } }, transaction });
    }
  }
  const resources = await Resource.findAll({ where: { authorId: who.userId, ...here }, transaction });
  const fileKeys = resources.map((r) => r.fileKey).filter((k): k is string => Boolean(k));
  // What is attached to them goes too (a video clip's poster and captions: resources/extensions.ts).
  for (const r of resources) fileKeys.push(...(await withdrawAttachments(r.id, transaction)));
  for (const r of resources) {
    await r.update({ title: REMOVED_TITLE, url: null, descriptionMd: '', descriptionHtml: '', textLength: 0, fileKey: null, fileName: null, deletedAt: r.deletedAt ?? now }, { transaction });
  }
  counts.resources = resources.length;
  if (resources.length) await SearchDocument.destroy({ where: { resourceId: { [Op.in]: resources.map((r) => r.id) }, postId: null }, transaction });
  [counts.video_comments] = await VideoComment.update({ body: '', deletedAt: now }, { where: { authorId: who.userId, deletedAt: null, ...here }, transaction });
  counts.reactions = await Reaction.destroy({ where: { userId: who.userId, ...here }, transaction });
  const kept = who.keepIn.length ? (await Resource.findAll({ where: { communityId: { [Op.in]: who.keepIn } }, attributes: ['id'], transaction })).map((r) => r.id) : [];
  const mine = { userId: who.userId, ...(kept.length ? { resourceId: { [Op.notIn]: kept } } : {}) };
  const endorsed = await ResourceEndorsement.findAll({ where: mine, attributes: ['resourceId'], transaction });
  counts.resource_endorsements = await ResourceEndorsement.destroy({ where: mine, transaction });
  for (const { resourceId } of endorsed) {
    const n = await ResourceEndorsement.count({ where: { resourceId }, transaction });
    await Resource.update({ endorsementCount: n }, { where: { id: resourceId }, transaction });
  }
  counts.search_documents = await SearchDocument.destroy({ where: { privateTo: who.userId, ...here }, transaction });
  return { counts: Object.fromEntries(Object.entries(counts).filter(([, n]) => n)), fileKeys };
}
