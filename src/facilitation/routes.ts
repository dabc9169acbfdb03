import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { invalid } from '../kernel/errors';
import { facilitationPolicy } from './policy';
import { setAsideForm } from './schemas';
import { setAside } from './todo';

const maySetAside = (a: Actor) => facilitationPolicy.setAside(a);

/** The facilitator's to-do: mark an entry done or snooze it, back to the home. */
export function facilitationRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  r.post('/c/:communityId/todo', sessionRequired(config), communityMember, member(sequelize)
    .authorize(maySetAside)
    // A malformed key is refused like a settled one: the entry is not on the to-do.
    .validate(setAsideForm, { invalid: () => { throw invalid('facilitation.errors.unknown_item'); } })
    .transaction((c, t) => setAside(c.actor, c.input.key, c.input.how, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}`) + '#todo-t')));
  return r;
}
