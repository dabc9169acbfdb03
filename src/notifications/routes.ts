import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { idParam } from '../kernel/ids';
import type { Actor } from '../kernel/actor';
import { pageSchema, preferencesSchema } from './schemas';
import { notificationPolicy } from './policy';
import { listNotifications, findOwnNotification, markRead, markAllRead } from './inbox';
import { preferencesOf, savePreferences, type PreferenceMap } from './preferences';
import { presentNotification, presentPreferences, notificationLinks } from './presenters';
import { publicNotificationRoutes } from './public-routes';
import { useNotificationConfig } from './settings';

const viewsOwn = (a: Actor) => notificationPolicy.viewOwn(a);
const editsPreferences = (a: Actor) => notificationPolicy.editPreferences(a);
/** The member's own notification in the address; another member's is not found. */
const ownNotification = (c: MemberContext, req: Request) => findOwnNotification(c.actor, idParam(req.params.id));

/**
 * The notifications page, "open" (marks read, then goes to the target), "mark all read", and
 * the e-mail preferences; plus the session-less pages (see public-routes.ts). Mounted FIRST in
 * src/routes.ts, because its "open CoPeR from your course" page answers /c/… links that arrive
 * without a session (from e-mails) before the session guard turns them away.
 */
export function notificationRoutes(config: Config, sequelize: Sequelize): Router {
  useNotificationConfig(config);
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  r.use(publicNotificationRoutes(config, sequelize));

  r.get('/c/:communityId/notifications', ...guard, route
    .validate(pageSchema, { from: 'query' })
    .authorize(viewsOwn)
    .handle(async ({ actor, input: { page }, lang, t, url }, req, res) => {
      const list = await listNotifications(actor, page);
      res.locals.navCurrent = 'bell'; // the list lives behind the bell, not in the navigation
      res.render('notifications/index', {
        title: t('notifications.title'),
        items: list.rows.map((n) => presentNotification(n, t, lang, url)),
        page,
        pages: list.pages,
        anyUnread: (res.locals.bell?.count ?? 0) > 0,
        marked: req.query.marked === '1',
        links: notificationLinks(actor.communityId, url, page),
      });
    }));

  r.post('/c/:communityId/notifications/read-all', ...guard, route
    .authorize(viewsOwn)
    .transaction((c, t) => markAllRead(c.actor, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/notifications`, { marked: 1 }))));

  r.get('/c/:communityId/notifications/preferences', ...guard, route
    .authorize(editsPreferences)
    .handle(async (c, req, res) => renderPreferences(c, res, await preferencesOf(c.actor.membershipId), { saved: req.query.saved === '1' })));

  r.post('/c/:communityId/notifications/preferences', ...guard, route
    .authorize(editsPreferences)
    .validate((c) => preferencesSchema(notificationPolicy.facilitatorDigest(c.actor)), {
      invalid: (c, form, req, res) => {
        const submitted = Object.fromEntries(Object.entries(form.values).filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), String(v)]));
        renderPreferences(c, res, submitted, { error: c.t('notifications.errors.delivery') });
      },
    })
    .transaction((c, t) => savePreferences(c.actor, c.input as Partial<PreferenceMap>, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/notifications/preferences`, { saved: 1 }))));

  r.get('/c/:communityId/notifications/:id/open', ...guard, route
    .load(ownNotification)
    .authorize((a) => notificationPolicy.open(a, true))
    .transaction((c, t) => markRead(c.actor, c.subject, t))
    .handle(({ subject: n, url }, req, res) => {
      // The session token goes in the query, before any #fragment of the target.
      const hash = n.link.indexOf('#');
      res.redirect(303, hash < 0 ? url(n.link) : url(n.link.slice(0, hash)) + n.link.slice(hash));
    }));

  return r;
}

function renderPreferences(c: MemberContext, res: Response, prefs: PreferenceMap | Record<string, string>, extra: { saved?: boolean; error?: string }) {
  res.locals.navCurrent = 'notifications';
  res.render('notifications/preferences', {
    title: c.t('notifications.prefs.title'),
    form: presentPreferences(c.t, prefs, notificationPolicy.facilitatorDigest(c.actor)),
    hasEmail: Boolean(c.user.email),
    saved: extra.saved ?? false,
    error: extra.error ?? null,
    links: notificationLinks(c.actor.communityId, c.url),
  });
}
