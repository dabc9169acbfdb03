import multer from 'multer';
import type { RequestHandler } from 'express';
import { MAX_UPLOAD_BYTES } from './files';
import { DomainError } from '../kernel/errors';
import { checkMultipartFields } from '../web/input';

/** A request body larger than this is refused before reading it (the file limit plus room for the form fields). */
const HARD_CAP = MAX_UPLOAD_BYTES * 2 + 256 * 1024;

const parse = multer({
  storage: multer.memoryStorage(),
  // preservePath: we want to SEE "../../x.pdf" and refuse it, not have it silently cut to "x.pdf".
  preservePath: true,
  // Browsers send the file name as raw UTF-8 (WHATWG multipart/form-data), not latin1.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
}).single('file');

/**
 * Parse a multipart form (the resource form with its file) BEFORE the session check, since the
 * session and CSRF tokens travel in the form. Files stay in memory (bounded) until the route has
 * authorized and validated them: nothing touches the disk before. A file over the limit is not an
 * error page: `res.locals.uploadError` tells the route, which re-renders the form with a message
 * (the form's text fields come before the file field, so they are already parsed). Text fields
 * get the checks every form gets (src/web/input.ts).
 */
export const multipartForm: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  if (Number(req.headers['content-length'] ?? 0) > HARD_CAP) return next(new DomainError('too_large', 'resources.errors.file_too_large', { max: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  parse(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError) {
      res.locals.uploadError = err.code === 'LIMIT_FILE_SIZE' ? 'resources.errors.file_too_large' : 'resources.errors.upload_invalid';
      return next(checkMultipartFields(req.body, req.file?.originalname) ?? undefined);
    }
    // busboy's own refusals (a malformed part header, e.g. a NUL in a file name; a body cut short)
    // are the sender's fault: a 400 with a message, like every other bad form.
    if (err) return next(new DomainError('invalid', 'errors.upload_malformed'));
    next(checkMultipartFields(req.body, req.file?.originalname) ?? undefined);
  });
};
