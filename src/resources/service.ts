import { Op, type Transaction } from 'sequelize';
import { Resource, ResourceEndorsement, type ResourceKind, type ResourceVisibility } from './model';
import { Post, Thread } from '../discussions/model';
import { who } from '../discussions/posts';
import { audit } from '../discussions/moderation';
import { renderMarkdown } from '../content/markdown';
import { setTags, type TagView } from '../content/tags';
import { indexPost } from '../discussions/extensions';
import { recordActivity } from '../activity/model';
import type { Actor } from '../kernel/actor';
import type { FileStore } from './storage';
import { lockRow } from '../db/locks';
import { withdrawAttachments, indexResource } from './extensions';

export interface ResourceInput {
  kind: ResourceKind;
  visibility?: ResourceVisibility;
  title: string;
  url?: string;
  description: string;
  audience?: string;
  tags: TagView[];
}

export interface StoredUpload {
  key: string;
  name: string;
  mime: string;
  buffer: Buffer;
}

/** An upload streamed to a temporary file (a video clip): moved into the store, never read into memory. */
export interface StreamedUpload {
  key: string;
  name: string;
  mime: string;
  path: string;
  size: number;
}

const sizeOf = (u: StoredUpload | StreamedUpload) => ('buffer' in u ? u.buffer.length : u.size);

/**
 * Share a resource: its row, its comment thread, tags, search document, the file (written last,
 * inside the transaction: if anything before fails, nothing is on disk; the route removes the file
 * if the commit itself fails) and a resource.share activity.
 */
export async function shareResource(actor: Actor, input: ResourceInput, upload: StoredUpload | StreamedUpload | null, store: FileStore, transaction: Transaction): Promise<Resource> {
  const rendered = renderMarkdown(input.description);
  const thread = await Thread.create(
    { communityId: actor.communityId, kind: 'resource', title: input.title, authorId: actor.userId, lastPostAt: new Date(), lastPosterId: actor.userId },
    { transaction },
  );
  const resource = await Resource.create(
    {
      communityId: actor.communityId,
      authorId: actor.userId,
      threadId: thread.id,
      kind: input.kind,
      title: input.title,
      url: input.kind === 'file' || input.kind === 'clip' ? null : input.url,
      descriptionMd: input.description,
      descriptionHtml: rendered.html,
      textLength: rendered.length,
      audience: input.audience ?? null,
      visibility: input.visibility && input.visibility !== 'community' ? input.visibility : null,
      fileKey: upload?.key ?? null,
      fileName: upload?.name ?? null,
      fileType: upload?.mime ?? null,
      fileSize: upload ? sizeOf(upload) : null,
    },
    { transaction },
  );
  await setTags(actor.communityId, { type: 'resource', id: resource.id }, input.tags, transaction);
  await indexResource(resource, transaction);
  await recordActivity(
    {
      ...who(actor),
      verb: 'resource.share',
      subject: { type: 'resource', id: resource.id },
      data: { kind: input.kind, length: rendered.length, tags: input.tags.map((t) => t.slug), ...(upload ? { fileSize: sizeOf(upload), fileType: upload.mime } : {}) },
    },
    transaction,
  );
  if (upload) await ('buffer' in upload ? store.put(upload.key, upload.buffer) : store.putFile(upload.key, upload.path));
  return resource;
}

/** Edit a resource's title, link, description, audience and tags (its author). */
export async function editResource(actor: Actor, resource: Resource, input: Omit<ResourceInput, 'kind'>, transaction: Transaction): Promise<void> {
  const rendered = renderMarkdown(input.description);
  await resource.update(
    {
      title: input.title,
      url: resource.kind === 'file' || resource.kind === 'clip' ? null : (input.url ?? resource.url),
      descriptionMd: input.description,
      descriptionHtml: rendered.html,
      textLength: rendered.length,
      audience: input.audience ?? null,
    },
    { transaction },
  );
  if (resource.threadId) await Thread.update({ title: input.title }, { where: { id: resource.threadId }, transaction });
  await setTags(actor.communityId, { type: 'resource', id: resource.id }, input.tags, transaction);
  await indexResource(resource, transaction);
  await recordActivity({ ...who(actor), verb: 'resource.edit', subject: { type: 'resource', id: resource.id }, data: { length: rendered.length } }, transaction);
}

/**
 * Delete a resource (its author): it leaves the library and search. What other features attach
 * to it goes too (a video clip's poster and captions, resources/extensions.ts), and a clip's row
 * keeps no key to its files. Returns the stored files'
 * keys; the route removes them after commit.
 */
export async function deleteResource(actor: Actor, resource: Resource, transaction: Transaction): Promise<string[]> {
  const keys = [resource.fileKey, ...(await withdrawAttachments(resource.id, transaction))].filter((k): k is string => !!k);
  await resource.update({ deletedAt: new Date(), ...(resource.kind === 'clip' ? { fileKey: null } : {}) }, { transaction });
  await indexResource(resource, transaction);
  await recordActivity({ ...who(actor), verb: 'resource.delete', subject: { type: 'resource', id: resource.id }, data: { kind: resource.kind } }, transaction);
  return keys;
}

/**
 * "I used this": set or clear (idempotent; the unique index settles double clicks). The resource's
 * author goes in the data, so "endorsement received" can be scored.
 */
export async function setEndorsement(actor: Actor, resource: Resource, on: boolean, transaction: Transaction): Promise<boolean> {
  // The resource row first: concurrent endorsements queue here instead of deadlocking on the counter (src/db/locks.ts).
  await lockRow(Resource, resource.id, transaction);
  const existing = await ResourceEndorsement.findOne({ where: { resourceId: resource.id, userId: actor.userId }, transaction });
  if (on === !!existing) return false;
  if (on) {
    const [, created] = await ResourceEndorsement.findOrCreate({ where: { resourceId: resource.id, userId: actor.userId }, defaults: { resourceId: resource.id, userId: actor.userId }, transaction });
    if (!created) return false;
  } else {
    await existing!.destroy({ transaction });
  }
  await Resource.increment('endorsementCount', { by: on ? 1 : -1, where: { id: resource.id }, transaction });
  await recordActivity(
    { ...who(actor), verb: on ? 'resource.endorse' : 'resource.unendorse', subject: { type: 'resource', id: resource.id }, data: { authorId: resource.authorId } },
    transaction,
  );
  return true;
}

/** Hide (or restore) a resource with a reason, in the moderation audit trail; its comments follow it out of (into) search. */
export async function setResourceHidden(actor: Actor, resource: Resource, hidden: boolean, reason: string, transaction: Transaction): Promise<void> {
  await resource.update(hidden ? { hiddenAt: new Date(), hiddenBy: actor.userId, hiddenReason: reason } : { hiddenAt: null, hiddenBy: null, hiddenReason: null }, { transaction });
  await indexResource(resource, transaction);
  if (!hidden && resource.threadId) {
    const thread = await Thread.findByPk(resource.threadId, { transaction });
    const posts = await Post.findAll({ where: { threadId: resource.threadId, deletedAt: null, hiddenAt: null, id: { [Op.gt]: 0 } }, transaction });
    if (thread) for (const p of posts) await indexPost(p, thread, transaction, resource.id);
  }
  await audit(actor, { action: hidden ? 'resource.hide' : 'resource.restore', subject: { type: 'resource', id: resource.id }, reason, data: { authorId: resource.authorId } }, transaction);
}
