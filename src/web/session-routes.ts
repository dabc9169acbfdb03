import { Router } from 'express';
import { z } from 'zod';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired } from './session';
import { DomainError } from '../kernel/errors';
import { recordCarrier } from '../sessions/service';

const probeSchema = z.object({ carrier: z.enum(['cookie', 'tab']) });

/**
 * POST /session/probe: the launch page asks whether the session came back, first with the cookie
 * alone, then (if refused) with the tab's header; the carrier that worked is recorded on the
 * session. The CSRF header proves the page belongs to this very session, so a stale cookie of
 * another launch cannot answer for it.
 */
export function sessionRoutes(config: Config, _sequelize: Sequelize): Router {
  const r = Router();
  r.post('/session/probe', sessionRequired(config), async (req, res) => {
    const parsed = probeSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new DomainError('invalid', 'errors.invalid_input');
    const ctx = req.ctx!;
    if (ctx.carrier !== parsed.data.carrier) throw new DomainError('conflict', 'errors.invalid_input');
    await recordCarrier(ctx.session.id, ctx.carrier);
    res.set('Cache-Control', 'no-store').json({ carrier: ctx.carrier });
  });
  return r;
}
