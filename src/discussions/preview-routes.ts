import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import { DomainError } from '../kernel/errors';
import { renderMarkdown } from '../content/markdown';
import { findMentions } from './mentions';
import { contributes } from './policy';
import { suggestMembers, SUGGEST_MAX } from './mention-suggest';

/** Longest text previewed: the longest field a form takes. */
const MAX = 20000;

/** The text to preview, as typed (blank is previewed too). */
const previewForm = z.object({ body: z.string().max(MAX) });

/** The start of a name after "@": not blank, not longer than a name. */
const mentionQuery = z.object({ q: z.string().refine((q) => q.trim() !== '' && q.length <= SUGGEST_MAX) });

/** Both helpers answer a script: a refusal is the plain invalid-input error, not a form. */
const refuse = () => {
  throw new DomainError('invalid', 'errors.invalid_input');
};

/**
 * The composer's helpers; both write nothing. The preview (public/js/compose.js): a member's
 * Markdown rendered exactly as it will be published — same renderer, same sanitizer, mentions
 * highlighted — as an HTML fragment. The mention suggestions (public/js/mention.js).
 */
export function previewRoutes(config: Config, _sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.post('/c/:communityId/preview', ...guard, member()
    .validate(previewForm, { invalid: refuse })
    .handle(async ({ actor, input: { body }, t }, req, res) => {
      const rendered = renderMarkdown(body, await findMentions(actor.communityId, body));
      res.set('Cache-Control', 'no-store').type('html').send(rendered.html || `<p class="muted">${t('content.preview_empty')}</p>`);
    }));

  // "@nad" → the members whose name it starts: a JSON list of names, for those who may write (observers only read).
  r.get('/c/:communityId/mentions', ...guard, member()
    .authorize(contributes)
    .validate(mentionQuery, { from: 'query', invalid: refuse })
    .handle(async ({ actor, input: { q } }, req, res) => {
      res.set('Cache-Control', 'no-store').json({ members: await suggestMembers(actor.communityId, actor.userId, q) });
    }));
  return r;
}
