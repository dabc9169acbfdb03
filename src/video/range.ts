import type { Request, Response } from 'express';
import type { FileStore } from '../resources/storage';
import { notFound } from '../kernel/errors';
import { log } from '../log';

export type ByteRange = { start: number; end: number };

/**
 * The one byte range of a `Range: bytes=…` header (RFC 9110 §14): `a-b`, `a-` or the suffix `-n`,
 * clipped to the file. null: no header, or one we answer with the whole file (several ranges,
 * another unit). 'unsatisfiable': a range outside the file or malformed → 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!m) return /^bytes=.*,/.test(header) || !/^bytes=/.test(header) ? null : 'unsatisfiable';
  const [, a, b] = m;
  if (a === '' && b === '') return 'unsatisfiable';
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Serve a stored media file for the page's own player: our content type, byte ranges (seeking),
 * `Accept-Ranges`, 206/416, private caching, nosniff, and no way to run in our origin (a CSP
 * sandbox, same-origin resource policy). Inline, not an attachment: the `<video>` plays it.
 */
export async function sendMedia(req: Request, res: Response, store: FileStore, file: { key: string; type: string }, logContext: Record<string, unknown>): Promise<void> {
  const size = await store.size(file.key);
  if (size === null) {
    log.error('upload_missing', logContext);
    throw notFound();
  }
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', file.type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Content-Disposition', 'inline');
  const range = parseRange(req.get('range'), size);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${size}`);
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.status(range ? 206 : 200);
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.setHeader('Content-Length', String(size === 0 ? 0 : end - start + 1));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const { stream } = await store.open(file.key, { start, end });
  stream.on('error', (err) => {
    log.error('upload_read_failed', { ...logContext, error: err.message });
    res.destroy();
  });
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
