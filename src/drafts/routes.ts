import { Router, type Request, type RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import { invalid } from '../kernel/errors';
import { discardDraft, forgetDraft, formKeyIn, readDraft, saveDraft } from './service';
import { draftRef, draftSave } from './schemas';

/** drafts.js reads the answer's status, not a page: any bad input is the same 400. */
const refused = { from: (req: Request) => ({ form: req.query.form ?? req.body?.form, fields: req.body?.fields }), invalid: () => { throw invalid(); } };

/**
 * Server-kept drafts, used by public/js/drafts.js only where the browser denies the frame its
 * own storage. GET reads, PUT saves, DELETE forgets, for the member's own drafts only.
 */
export function draftRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/drafts', ...guard, route
    .validate((c) => draftRef(c.actor.communityId), refused)
    .handle(async (c, req, res) => {
      res.set('Cache-Control', 'no-store').json({ fields: await readDraft(c.actor, c.input.form) });
    }));

  r.put('/c/:communityId/drafts', ...guard, route
    .validate((c) => draftSave(c.actor.communityId), refused)
    .transaction((c, t) => saveDraft(c.actor, c.input, t))
    .handle((c, req, res) => res.status(204).end()));

  r.delete('/c/:communityId/drafts', ...guard, route
    .validate((c) => draftRef(c.actor.communityId), refused)
    .transaction((c, t) => discardDraft(c.actor, c.input, t))
    .handle((c, req, res) => res.status(204).end()));

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
