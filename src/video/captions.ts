import type { Transaction } from 'sequelize';
import { newFileKey, type FileStore } from '../resources/storage';
import type { Resource } from '../resources/model';
import type { Actor } from '../kernel/actor';
import { recordActivity } from '../activity/model';
import { who } from '../discussions/posts';
import { indexResource } from '../search/indexer';
import { VideoCaption } from './model';
import type { Cue } from './vtt';
import type { DiskFile } from './files';

/**
 * Add (or replace) a clip's captions in one language, from a WebVTT file already checked and read
 * into cues (transcript, search; `captionsForm`): stored under a new key, removed again when the
 * write fails. Returns the replaced file's key, for the caller to remove after commit.
 */
export async function putCaptions(actor: Actor, resource: Resource, input: { lang: 'fr' | 'en'; file: DiskFile; cues: Cue[] }, store: FileStore, tx: Transaction): Promise<{ old: string | null }> {
  const { lang, file, cues } = input;
  const key = newFileKey(actor.communityId);
  try {
    const existing = await VideoCaption.findOne({ where: { resourceId: resource.id, lang }, transaction: tx });
    const old = existing?.fileKey ?? null;
    const text = JSON.stringify(cues);
    if (existing) await existing.update({ fileKey: key, text }, { transaction: tx });
    else await VideoCaption.create({ resourceId: resource.id, lang, fileKey: key, text }, { transaction: tx });
    await indexResource(resource, tx);
    await recordActivity({ ...who(actor), verb: 'video.captions', subject: { type: 'resource', id: resource.id }, data: { lang, cues: cues.length } }, tx);
    await store.putFile(key, file.path);
    return { old };
  } catch (err) {
    await store.remove(key).catch(() => undefined);
    throw err;
  }
}
