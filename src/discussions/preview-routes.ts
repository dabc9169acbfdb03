import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, forbidden } from '../kernel/errors';
import { renderMarkdown } from '../content/markdown';
import { findMentions } from './mentions';
import { actorOf } from '../kernel/actor';
import { contributes } from './policy';
import { suggestMembers, SUGGEST_MAX } from './mention-suggest';

/** Longest text previewed: the longest field a form takes. */
const MAX = 20000;

/**
 * The composer's helpers; both write nothing. The preview (public/js/compose.js): a member's
 * Markdown rendered exactly as it will be published — same renderer, same sanitizer, mentions
 * highlighted — as an HTML fragment. The mention suggestions (public/js/mention.js).
 */
export function previewRoutes(config: Config, _sequelize: Sequelize): Router {
  const r = Router();
  r.post('/c/:communityId/preview', sessionRequired(config), communityMember, async (req, res) => {
    const actor = actorOf(req.ctx);
    const body = req.body?.body;
    if (typeof body !== 'string' || body.length > MAX) throw new DomainError('invalid', 'errors.invalid_input');
    const rendered = renderMarkdown(body, await findMentions(actor.communityId, body));
    res.set('Cache-Control', 'no-store').type('html').send(rendered.html || `<p class="muted">${req.ctx!.t('content.preview_empty')}</p>`);
  });

  // "@nad" → the members whose name it starts: a JSON list of names, for those who may write (observers only read).
  r.get('/c/:communityId/mentions', sessionRequired(config), communityMember, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!contributes(actor)) throw forbidden();
    const q = req.query.q;
    if (typeof q !== 'string' || !q.trim() || q.length > SUGGEST_MAX) throw new DomainError('invalid', 'errors.invalid_input');
    res.set('Cache-Control', 'no-store').json({ members: await suggestMembers(actor.communityId, actor.userId, q) });
  });
  return r;
}
