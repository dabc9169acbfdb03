import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are ours (never the uploaded name): "<communityId>/<32 hex>".
 * The disk store below is the default; an object store (S3, Swift…) can implement the same four
 * calls later without touching the resource library.
 */
export interface FileStore {
  /** Store bytes under a key (atomically: a reader never sees half a file). */
  put(key: string, data: Buffer): Promise<void>;
  /** A stream of the stored bytes; rejects when the key is unknown. */
  open(key: string): Promise<{ stream: Readable; size: number }>;
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

  async open(key: string): Promise<{ stream: Readable; size: number }> {
    const file = this.pathOf(key);
    const stat = await fsp.stat(file);
    return { stream: fs.createReadStream(file), size: stat.size };
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
