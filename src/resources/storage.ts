import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are ours (never the uploaded name): "<communityId>/<32 hex>".
 * The disk store below is the default; an object store (S3, Swift…) can implement the same
 * calls later without touching the resource library.
 */
export interface FileStore {
  /** Store bytes under a key (atomically: a reader never sees half a file). */
  put(key: string, data: Buffer): Promise<void>;
  /**
   * Move a file already on local disk (a streamed upload's temporary file) into the store under a
   * key, without reading it into memory.
   */
  putFile(key: string, localPath: string): Promise<void>;
  /** A stream of the stored bytes (or of bytes start..end inclusive); rejects when the key is unknown. `size` is the whole file's. */
  open(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }>;
  /** The stored file's size in bytes, or null when the key is unknown. */
  size(key: string): Promise<number | null>;
  /** Remove a stored file; a missing file is not an error. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^\d{1,10}\/[a-f0-9]{32}$/;

/** A fresh storage key for a community's upload. */
export function newFileKey(communityId: number): string {
  return `${communityId}/${crypto.randomBytes(16).toString('hex')}`;
}

/** Files on local disk under `${DATA_DIR}/uploads/`. Keys are checked so no path can leave that folder. */
export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(tmp, data, { flag: 'wx', mode: 0o640 });
    await fsp.rename(tmp, target);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    try {
      await fsp.rename(localPath, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system: copy under a temporary name, then rename (a reader never sees half a file).
      const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      await fsp.copyFile(localPath, tmp);
      await fsp.rename(tmp, target);
      await fsp.rm(localPath, { force: true });
    }
  }

  async open(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number }> {
    const file = this.pathOf(key);
    const stat = await fsp.stat(file);
    return { stream: fs.createReadStream(file, range), size: stat.size };
  }

  async size(key: string): Promise<number | null> {
    return fsp
      .stat(this.pathOf(key))
      .then((s) => s.size)
      .catch(() => null);
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return fsp
      .access(this.pathOf(key))
      .then(() => true)
      .catch(() => false);
  }
}

/** The app's file store for a data directory. */
export function diskStore(dataDir: string): FileStore {
  return new DiskFileStore(path.resolve(dataDir, 'uploads'));
}
