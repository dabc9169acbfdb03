import { Router, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { pickZone } from '../content/zone';
import { timeZones } from '../kernel/time-zones';
import { communitySettingsSchema } from './schemas';
import { communityPolicy } from './policy';
import { setCommunityZone } from './service';
import { settingsLinks } from './presenters';

const editsSettings = (a: Actor) => communityPolicy.editSettings(a);

/** The community settings facilitators edit: today its time zone (README, "Time zones"). */
export function communitySettingsRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const path = '/c/:communityId/settings';

  r.get(path, ...guard, route
    .authorize(editsSettings)
    .handle((c, req, res) => render(c, res, { timeZone: pickZone(null, c.community.timeZone) }, {}, req.query.saved === '1')));

  r.post(path, ...guard, route
    .authorize(editsSettings)
    .validate(communitySettingsSchema, { invalid: (c, form, req, res) => render(c, res, { timeZone: String(form.values.timeZone ?? '') }, { timeZone: c.t(form.issues[0].message) }, false) })
    .transaction((c, t) => setCommunityZone(c.actor, c.community, c.input.timeZone, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/settings`, { saved: '1' }))));

  return r;
}

function render(c: MemberContext, res: Response, values: { timeZone: string }, errors: { timeZone?: string }, saved: boolean): void {
  res.locals.navCurrent = 'settings';
  res.render('communities/settings', { title: c.t('settings.title'), zones: timeZones(values.timeZone), values, errors, saved, links: settingsLinks(c.actor.communityId, c.url) });
}
