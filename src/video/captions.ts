import fsp from 'node:fs/promises';
import type { Sequelize } from 'sequelize';
import { retryTransaction } from '../db/retry';
import { newFileKey, type FileStore } from '../resources/storage';
import type { Resource } from '../resources/model';
import type { Actor } from '../kernel/actor';
import { recordActivity } from '../activity/model';
import { who } from '../discussions/posts';
import { indexResource } from '../search/indexer';
import { VideoCaption } from './model';
import { parseVtt, VTT_MAX_BYTES } from './vtt';
import type { DiskFile } from './files';

/**
 * Add (or replace) a clip's captions in one language: the WebVTT file is checked and read into
 * cues (transcript, search), stored under a new key, and the old file removed after commit.
 */
export async function putCaptions(sequelize: Sequelize, store: FileStore, actor: Actor, resource: Resource, lang: 'fr' | 'en', file: DiskFile): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!/\.vtt$/i.test(file.originalname)) return { ok: false, error: 'video.errors.vtt' };
  if (file.size > VTT_MAX_BYTES) return { ok: false, error: 'video.errors.vtt_too_large' };
  const parsed = parseVtt(await fsp.readFile(file.path));
  if (!parsed.ok) return parsed;
  const key = newFileKey(actor.communityId);
  let old: string | null = null;
  try {
    await retryTransaction(sequelize, async (tx) => {
      const existing = await VideoCaption.findOne({ where: { resourceId: resource.id, lang }, transaction: tx });
      old = existing?.fileKey ?? null;
      const text = JSON.stringify(parsed.cues);
      if (existing) await existing.update({ fileKey: key, text }, { transaction: tx });
      else await VideoCaption.create({ resourceId: resource.id, lang, fileKey: key, text }, { transaction: tx });
      await indexResource(resource, tx);
      await recordActivity({ ...who(actor), verb: 'video.captions', subject: { type: 'resource', id: resource.id }, data: { lang, cues: parsed.cues.length } }, tx);
      await store.putFile(key, file.path);
    });
  } catch (err) {
    await store.remove(key).catch(() => undefined);
    throw err;
  }
  if (old) await store.remove(old).catch(() => undefined);
  return { ok: true };
}
