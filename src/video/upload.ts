import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config';
import { DomainError } from '../kernel/errors';
import { checkMultipartFields } from '../web/input';
import { presentedSession } from '../sessions/carrier';
import { resumeSession, sessionLimits } from '../sessions/service';
import { sessionExpired } from '../web/expired';
import type { DiskFile } from './files';

export const videoMaxBytes = (config: Config) => config.VIDEO_MAX_MB * 1024 * 1024;

/** Where streamed uploads wait for their check (next to the store, so moving them in is a rename). */
export function incomingDir(config: Config): string {
  return path.resolve(config.DATA_DIR, 'uploads', 'incoming');
}

/** The streamed files of a request, by field name. */
export function diskFiles(req: Request): Record<string, DiskFile | undefined> {
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v[0]]));
}

/** Remove a request's streamed files now (a refused upload), before answering: nothing is left once the answer arrives. */
export async function discardUploads(req: Request): Promise<void> {
  await Promise.all(Object.values(diskFiles(req)).map((f) => (f ? fsp.rm(f.path, { force: true }) : undefined)));
}

/**
 * Parse a multipart form whose files may be large (a video clip and its poster, or a captions
 * file): each file is STREAMED to a temporary file under uploads/incoming (never held in memory),
 * up to VIDEO_MAX_MB. Only a request with a live session is read at all (the CSRF token, in the
 * form, is checked after by sessionRequired). A route removes what it refuses before answering
 * (discardUploads); anything else it did not move into the store is removed when the response
 * ends, so a refused or failed upload leaves nothing behind. A file
 * over the limit: `res.locals.uploadError`, for the route to re-render its form.
 */
export function streamedForm(config: Config, fields: string[]): RequestHandler {
  const max = videoMaxBytes(config);
  const hardCap = max + 6 * 1024 * 1024;
  const dir = incomingDir(config);
  const limits = sessionLimits(config);
  const parse = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => fs.mkdir(dir, { recursive: true }, (err) => cb(err ?? null, dir)),
      filename: (_req, _file, cb) => cb(null, `${crypto.randomBytes(16).toString('hex')}.part`),
    }),
    preservePath: true,
    defParamCharset: 'utf8',
    limits: { fileSize: max, files: fields.length, fields: 40, fieldSize: 100_000, parts: 50 },
  }).fields(fields.map((name) => ({ name, maxCount: 1 })));
  return async (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const presented = presentedSession(req);
    if (!presented || !(await resumeSession(limits, presented.token))) throw await sessionExpired(presented?.token);
    if (Number(req.headers['content-length'] ?? 0) > hardCap) throw new DomainError('too_large', 'video.errors.too_large', { max: config.VIDEO_MAX_MB });
    res.on('close', () => {
      for (const f of Object.values(diskFiles(req))) if (f) fs.rm(f.path, { force: true }, () => undefined);
    });
    parse(req, res, (err: unknown) => {
      const names = Object.values(diskFiles(req)).map((f) => f?.originalname);
      if (err instanceof multer.MulterError) {
        res.locals.uploadError = err.code === 'LIMIT_FILE_SIZE' ? 'video.errors.too_large' : 'resources.errors.upload_invalid';
        return next(checkFields(req.body, names) ?? undefined);
      }
      if (err) return next(new DomainError('invalid', 'errors.upload_malformed'));
      next(checkFields(req.body, names) ?? undefined);
    });
  };
}

function checkFields(body: unknown, names: Array<string | undefined>) {
  for (const n of names.length ? names : [undefined]) {
    const e = checkMultipartFields(body, n);
    if (e) return e;
  }
  return null;
}
