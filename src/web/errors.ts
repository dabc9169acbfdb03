import type { Request, Response, NextFunction } from 'express';
import { ZodError } from 'zod';
import { translator, langFromHeader } from '../i18n';
import { urlBuilder } from './context';
import { log } from '../log';

/** An error with an HTTP status and a catalog key for the message shown to the user. */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly messageKey: string,
    public readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}

export const notFound = () => new HttpError(404, 'errors.not_found');
export const forbidden = () => new HttpError(403, 'errors.forbidden');

function isClientError(err: unknown): err is { status: number } {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Render a friendly page for any error; never a stack trace. JSON for API-style requests. */
export function errorHandler() {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const lang = req.ctx?.lang ?? langFromHeader(req.headers['accept-language']);
    const t = translator(lang);
    let status = 500;
    let message = t('errors.internal');
    let details: string[] = [];
    if (err instanceof HttpError) {
      status = err.status;
      message = t(err.messageKey, err.params);
    } else if (err instanceof ZodError) {
      status = 400;
      message = t('errors.invalid_input');
      details = err.issues.map((i) => t(i.message, { defaultValue: i.message, field: i.path.join('.') }));
    } else if (isClientError(err)) {
      // body-parser's refusals (http-errors): too large, too many fields, unknown charset, aborted.
      status = err.status;
      message = t(status === 413 ? 'errors.too_large' : status === 415 ? 'errors.unsupported_media_type' : 'errors.invalid_input');
    } else {
      log.error('request_failed', { path: req.path, method: req.method, error: (err as Error)?.stack ?? String(err) });
    }
    if (res.headersSent) return;
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json' && !req.accepts('html')) {
      res.json({ error: message, details });
      return;
    }
    if (err instanceof HttpError && err.messageKey === 'errors.session_expired') {
      res.set('Cache-Control', 'no-store');
      res.render('session-expired', { lang, t, url: urlBuilder(), message, relaunch: (err as { relaunchUrl?: string | null }).relaunchUrl ?? null, title: message });
      return;
    }
    res.render('error', { lang, t, url: urlBuilder(), status, message, details, title: message });
  };
}
