import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden } from '../kernel/errors';
import { retryTransaction } from '../db/retry';
import { pickZone } from '../content/zone';
import { timeZones } from '../kernel/time-zones';
import { communitySettingsSchema } from './schemas';
import { communityPolicy } from './policy';
import { setCommunityZone } from './service';

/** The community settings facilitators edit: today its time zone (README, "Time zones"). */
export function communitySettingsRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const path = '/c/:communityId/settings';

  r.get(path, ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!communityPolicy.editSettings(ctx.role!)) throw forbidden();
    render(req, res, { timeZone: pickZone(null, ctx.community!.timeZone) }, {}, req.query.saved === '1');
  });

  r.post(path, ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!communityPolicy.editSettings(ctx.role!)) throw forbidden();
    const parsed = communitySettingsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400);
      return render(req, res, { timeZone: String(req.body?.timeZone ?? '') }, { timeZone: ctx.t(parsed.error.issues[0].message) }, false);
    }
    await retryTransaction(sequelize, (t) => setCommunityZone(ctx.community!, parsed.data.timeZone, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/settings`, { saved: '1' }));
  });

  return r;
}

function render(req: Request, res: Response, values: { timeZone: string }, errors: { timeZone?: string }, saved: boolean): void {
  res.locals.navCurrent = 'settings';
  res.render('communities/settings', { title: req.ctx!.t('settings.title'), zones: timeZones(), values, errors, saved });
}
