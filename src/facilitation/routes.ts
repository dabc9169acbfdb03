import { retryTransaction } from '../db/retry';
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, DomainError } from '../kernel/errors';
import { actorOf } from '../kernel/actor';
import { facilitationPolicy } from './policy';
import { setAside } from './todo';

/** A to-do entry's key (kind:id[:…]) and what to do with it. */
const setAsideForm = z.object({
  key: z.string().regex(/^[a-z]+(:[a-z0-9]+){1,3}$/).max(64),
  how: z.enum(['done', 'snooze']),
});

/** The facilitator's to-do: mark an entry done or snooze it, back to the home. */
export function facilitationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  r.post('/c/:communityId/todo', sessionRequired(config), communityMember, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!facilitationPolicy.setAside(actor.role)) throw forbidden();
    const parsed = setAsideForm.safeParse(req.body);
    if (!parsed.success) throw new DomainError('invalid', 'facilitation.errors.unknown_item');
    await retryTransaction(sequelize, (t) => setAside(actor, parsed.data.key, parsed.data.how, t));
    res.redirect(303, res.locals.url(`/c/${actor.communityId}`) + '#todo-t');
  });
  return r;
}
