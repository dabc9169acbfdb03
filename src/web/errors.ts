import type { Request, Response, NextFunction } from 'express';
import { ZodError } from 'zod';
import { translator, langFromHeader } from '../i18n';
import { urlBuilder } from './context';
import { log } from '../log';
import { DomainError, type Refusal } from '../kernel/errors';

/** The HTTP status of each refusal of the domain (kernel/errors.ts). */
const STATUS: Record<Refusal, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, unsupported: 415, too_many: 429,
};

/** The HTTP status a domain error is answered with. */
export const statusOf = (err: DomainError): number => STATUS[err.refusal];

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
    if (err instanceof DomainError) {
      status = statusOf(err);
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
    if (err instanceof DomainError && err.messageKey === 'errors.session_expired') {
      res.set('Cache-Control', 'no-store');
      res.render('session-expired', { lang, t, url: urlBuilder(), message, relaunch: (err as { relaunchUrl?: string | null }).relaunchUrl ?? null, title: message });
      return;
    }
    res.render('error', { lang, t, url: urlBuilder(), status, message, details, title: message });
  };
}
