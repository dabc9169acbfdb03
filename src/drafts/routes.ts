import { Router, type RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError } from '../kernel/errors';
import { draftFieldsSchema, forgetDraft, formKeyIn, readDraft, saveDraft } from './service';

/**
 * Server-kept drafts, used by public/js/drafts.js only where the browser denies the frame its
 * own storage. GET reads, PUT saves, DELETE forgets, for the member's own drafts only.
 */
export function draftRoutes(config: Config, _sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const key = (req: Parameters<RequestHandler>[0]) => {
    const k = formKeyIn(req.ctx!.community!.id, req.query.form ?? req.body?.form);
    if (!k) throw new DomainError('invalid', 'errors.invalid_input');
    return k;
  };
  r.get('/c/:communityId/drafts', ...guard, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ fields: await readDraft(req.ctx!.membership!.id, key(req)) });
  });
  r.put('/c/:communityId/drafts', ...guard, async (req, res) => {
    const fields = draftFieldsSchema.safeParse(jsonText(req.body?.fields));
    if (!fields.success) throw new DomainError('invalid', 'errors.invalid_input');
    await saveDraft(req.ctx!.membership!.id, key(req), fields.data);
    res.status(204).end();
  });
  r.delete('/c/:communityId/drafts', ...guard, async (req, res) => {
    await forgetDraft(req.ctx!.membership!.id, key(req));
    res.status(204).end();
  });
  return r;
}

/**
 * A form sent and accepted (any non-error answer to a POST in a community) settles its draft:
 * the server drops the member's draft of that form.
 */
export const settleDrafts: RequestHandler = (req, res, next) => {
  if (req.method === 'POST') {
    res.on('finish', () => {
      const membership = req.ctx?.membership;
      if (!membership || res.statusCode >= 400) return;
      const k = formKeyIn(membership.communityId, req.path);
      if (k) forgetDraft(membership.id, k).catch(() => undefined);
    });
  }
  next();
};

/** The draft's fields arrive as one JSON text field of a form body (src/web/input.ts accepts forms only). */
function jsonText(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
