import fsp from 'node:fs/promises';
import type { Transaction } from 'sequelize';
import { checkFileName } from '../resources/files';
import { VideoCaption, VideoClip } from './model';

/**
 * What a clip may be made of: the video (MP4 or WebM), a poster image, WebVTT captions. As for
 * every upload, the type comes from the extension, is checked against the first bytes, and is
 * served with OUR content type.
 */
const starts = (sig: number[], offset = 0) => (b: Buffer) => sig.every((byte, i) => b[offset + i] === byte);

export const VIDEO_TYPES: Record<string, { mime: string; check: (b: Buffer) => boolean }> = {
  mp4: { mime: 'video/mp4', check: starts([0x66, 0x74, 0x79, 0x70], 4) },
  webm: { mime: 'video/webm', check: starts([0x1a, 0x45, 0xdf, 0xa3]) },
};

export const POSTER_TYPES: Record<string, { mime: string; check: (b: Buffer) => boolean }> = {
  png: { mime: 'image/png', check: starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  webp: { mime: 'image/webp', check: (b) => starts([0x52, 0x49, 0x46, 0x46])(b) && starts([0x57, 0x45, 0x42, 0x50], 8)(b) },
};

export const POSTER_MAX_BYTES = 5 * 1024 * 1024;

export interface DiskFile {
  originalname: string;
  path: string;
  size: number;
}

export type FileCheck = { ok: true; name: string; mime: string } | { ok: false; error: string };

/** The first bytes of a file on disk (the type check), without reading the rest. */
async function head(path: string, n = 16): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Check a streamed file against a table of types: a safe name, an allowed extension, matching first bytes, a size. */
export async function checkDiskFile(file: DiskFile, types: typeof VIDEO_TYPES, maxBytes: number, errors: { type: string; tooLarge: string }): Promise<FileCheck> {
  const named = checkFileName(file.originalname);
  if (!named.ok) return named;
  if (file.size === 0) return { ok: false, error: 'resources.errors.file_empty' };
  if (file.size > maxBytes) return { ok: false, error: errors.tooLarge };
  const ext = /\.([a-z0-9]{1,5})$/i.exec(named.name)?.[1]?.toLowerCase() ?? '';
  const type = types[ext];
  if (!type) return { ok: false, error: errors.type };
  if (!type.check(await head(file.path))) return { ok: false, error: 'resources.errors.file_content' };
  return { ok: true, name: named.name, mime: type.mime };
}

/**
 * A clip is withdrawn: its captions and poster leave with it. Returns the keys of their stored
 * files (removed by the caller after commit); no row keeps them.
 */
export async function withdrawClipFiles(resourceId: number, transaction: Transaction): Promise<string[]> {
  const [clip, captions] = await Promise.all([VideoClip.findOne({ where: { resourceId }, transaction }), VideoCaption.findAll({ where: { resourceId }, transaction })]);
  const keys = [clip?.posterKey, ...captions.map((c) => c.fileKey)].filter((k): k is string => !!k);
  await VideoCaption.destroy({ where: { resourceId }, transaction });
  if (clip) await clip.update({ posterKey: null, posterType: null }, { transaction });
  return keys;
}
