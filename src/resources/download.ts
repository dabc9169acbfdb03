import type { Response } from 'express';
import { notFound } from '../kernel/errors';
import { contentDisposition } from './files';
import type { FileStore } from './storage';
import { log } from '../log';

/**
 * Send a stored upload so that it can never run in our origin: always an attachment with its
 * download name, our own content type, nosniff, and a CSP sandbox (no script, no plugin, no same
 * origin) in case a browser renders it anyway. A file missing from the store is a 404 (logged).
 */
export async function sendAttachment(
  res: Response,
  store: FileStore,
  file: { key: string; type: string | null; name: string },
  logContext: Record<string, unknown>,
): Promise<void> {
  const stored = await store.open(file.key).catch(() => null);
  if (!stored) {
    log.error('upload_missing', logContext);
    throw notFound();
  }
  res.status(200);
  res.setHeader('Content-Type', file.type ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(stored.size));
  res.setHeader('Content-Disposition', contentDisposition(file.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  stored.stream.pipe(res);
}
