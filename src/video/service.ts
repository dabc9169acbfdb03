import { Op, type Transaction } from 'sequelize';
import { Membership } from '../kernel/community';
import { shareResource, type ResourceInput, type StreamedUpload } from '../resources/service';
import type { Resource, ResourceVisibility } from '../resources/model';
import type { FileStore } from '../resources/storage';
import type { Actor } from '../kernel/actor';
import type { TagView } from '../content/tags';
import { recordActivity } from '../activity/model';
import { who } from '../discussions/posts';
import { VideoClip, VideoComment } from './model';
import { ResourceViewer } from '../resources/model';
import { newFileKey } from '../resources/storage';
import type { DiskFile } from './files';

export interface ClipInput {
  title: string;
  description: string;
  audience?: string;
  tags: TagView[];
  visibility: ResourceVisibility;
  /** Chosen members (membership ids of this community), when visibility is 'members'. */
  members: number[];
}

/** The chosen members that are active members of the actor's community (the author left out: they always see). */
export async function validMembers(actor: Actor, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await Membership.findAll({ where: { id: { [Op.in]: ids }, communityId: actor.communityId, status: 'active' }, attributes: ['id'] });
  return rows.map((m) => m.id).filter((id) => id !== actor.membershipId);
}

/**
 * Share a video clip: a resource of kind 'clip' (endorsements, adaptation notes, comments come
 * with it) with its visibility and chosen members, the owner's consent confirmation (when), and
 * its files moved into the store last (`shareClipUpload` removes them if the write fails).
 */
export async function shareClip(actor: Actor, input: ClipInput, video: StreamedUpload, poster: StreamedUpload | null, store: FileStore, transaction: Transaction): Promise<Resource> {
  const members = input.visibility === 'members' ? input.members : [];
  const resourceInput: ResourceInput = { kind: 'clip', title: input.title, description: input.description, audience: input.audience, tags: input.tags, visibility: input.visibility };
  const clipResource = await shareResource(actor, resourceInput, video, store, transaction);
  await VideoClip.create({ resourceId: clipResource.id, consentAt: new Date(), posterKey: poster?.key ?? null, posterType: poster?.mime ?? null }, { transaction });
  if (members.length) await ResourceViewer.bulkCreate(members.map((membershipId) => ({ resourceId: clipResource.id, membershipId })), { transaction });
  await recordActivity({ ...who(actor), verb: 'video.consent', subject: { type: 'resource', id: clipResource.id }, data: { visibility: input.visibility, members: members.length } }, transaction);
  if (poster) await store.putFile(poster.key, poster.path);
  return clipResource;
}

/** A checked streamed file: where it waits, its safe name and our content type. */
type CheckedFile = DiskFile & { name: string; mime: string };

/**
 * Share a clip from the checked files of the form, under new keys; the stored files are removed
 * again when the write fails.
 */
export async function shareClipUpload(actor: Actor, input: ClipInput, files: { video: CheckedFile; poster: CheckedFile | null }, store: FileStore, transaction: Transaction): Promise<Resource> {
  const stored = (f: CheckedFile): StreamedUpload => ({ key: newFileKey(actor.communityId), name: f.name, mime: f.mime, path: f.path, size: f.size });
  const video = stored(files.video);
  const poster = files.poster ? stored(files.poster) : null;
  try {
    return await shareClip(actor, input, video, poster, store, transaction);
  } catch (err) {
    for (const key of [video.key, poster?.key]) if (key) await store.remove(key).catch(() => undefined);
    throw err;
  }
}

/** A time-coded comment (or a reply, at its parent's moment). */
export async function addTimeComment(actor: Actor, resource: Resource, input: { at: number; body: string; parent: VideoComment | null }, transaction: Transaction): Promise<VideoComment> {
  const comment = await VideoComment.create(
    { communityId: actor.communityId, resourceId: resource.id, authorId: actor.userId, parentId: input.parent?.id ?? null, atSeconds: input.parent?.atSeconds ?? input.at, body: input.body },
    { transaction },
  );
  await recordActivity({ ...who(actor), verb: 'video.comment', subject: { type: 'resource', id: resource.id }, data: { at: comment.atSeconds, reply: !!input.parent, authorId: resource.authorId } }, transaction);
  return comment;
}
