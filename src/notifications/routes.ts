import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { pageSchema, idSchema, preferencesSchema } from './schemas';
import { notificationPolicy } from './policy';
import { listNotifications, findOwnNotification, markRead, markAllRead } from './inbox';
import { preferencesOf, savePreferences, type PreferenceMap } from './preferences';
import { presentNotification, presentPreferences } from './presenters';
import { publicNotificationRoutes } from './public-routes';
import { useNotificationConfig } from './settings';
import { retryTransaction } from '../db/retry';

/**
 * The notifications page, "open" (marks read, then goes to the target), "mark all read", and
 * the e-mail preferences; plus the session-less pages (see public-routes.ts). Mounted FIRST in
 * src/routes.ts, because its "open CoPeR from your course" page answers /c/… links that arrive
 * without a session (from e-mails) before the session guard turns them away.
 */
export function notificationRoutes(config: Config, sequelize: Sequelize): Router {
  useNotificationConfig(config);
  const r = Router();
  const session = sessionRequired(config);
  r.use(publicNotificationRoutes(config, sequelize));

  r.get('/c/:communityId/notifications', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const { page } = pageSchema.parse(req.query);
    if (!notificationPolicy.viewOwn(ctx.role!)) throw forbidden();
    const list = await listNotifications(ctx.membership!, page);
    res.locals.navCurrent = 'bell'; // the list lives behind the bell, not in the navigation
    res.render('notifications/index', {
      title: ctx.t('notifications.title'),
      items: list.rows.map((n) => presentNotification(n, ctx.t, ctx.lang, res.locals.url)),
      page,
      pages: list.pages,
      anyUnread: (res.locals.bell?.count ?? 0) > 0,
      marked: req.query.marked === '1',
    });
  });

  r.post('/c/:communityId/notifications/read-all', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!notificationPolicy.viewOwn(ctx.role!)) throw forbidden();
    await retryTransaction(sequelize, (t) => markAllRead(ctx.membership!, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/notifications`, { marked: 1 }));
  });

  r.get('/c/:communityId/notifications/preferences', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!notificationPolicy.editPreferences(ctx.role!)) throw forbidden();
    const prefs = await preferencesOf(ctx.membership!.id);
    renderPreferences(res, ctx, prefs, 200, { saved: req.query.saved === '1' });
  });

  r.post('/c/:communityId/notifications/preferences', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!notificationPolicy.editPreferences(ctx.role!)) throw forbidden();
    const parsed = preferencesSchema(notificationPolicy.facilitatorDigest(ctx.role!)).safeParse(req.body);
    if (!parsed.success) {
      const submitted = Object.fromEntries(Object.entries(req.body ?? {}).filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), String(v)]));
      return renderPreferences(res, ctx, submitted, 400, { error: ctx.t('notifications.errors.delivery') });
    }
    await retryTransaction(sequelize, (t) => savePreferences(ctx.membership!, parsed.data as Partial<PreferenceMap>, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/notifications/preferences`, { saved: 1 }));
  });

  r.get('/c/:communityId/notifications/:id/open', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const parsed = idSchema.safeParse(req.params);
    if (!parsed.success) throw notFound();
    const n = await findOwnNotification(ctx.membership!, parsed.data.id);
    if (!n || !notificationPolicy.open(ctx.role!, true)) throw notFound();
    await markRead(n);
    // The session token goes in the query, before any #fragment of the target.
    const hash = n.link.indexOf('#');
    res.redirect(303, hash < 0 ? res.locals.url(n.link) : res.locals.url(n.link.slice(0, hash)) + n.link.slice(hash));
  });

  return r;
}

function renderPreferences(
  res: import('express').Response,
  ctx: NonNullable<import('express').Request['ctx']>,
  prefs: PreferenceMap | Record<string, string>,
  status: number,
  extra: { saved?: boolean; error?: string },
) {
  res.locals.navCurrent = 'notifications';
  res.status(status).render('notifications/preferences', {
    title: ctx.t('notifications.prefs.title'),
    form: presentPreferences(ctx.t, prefs, notificationPolicy.facilitatorDigest(ctx.role!)),
    hasEmail: Boolean(ctx.user.email),
    saved: extra.saved ?? false,
    error: extra.error ?? null,
  });
}
