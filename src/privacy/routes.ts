import { Router, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { diskStore } from '../resources/storage';
import { collectPersonalData } from './collect';
import { buildArchive } from './archive';
import { audit } from './model';
import { exportPath, requestExport } from './exports';
import { PrivacyExport } from './export-model';
import { privacyPolicy } from './policy';
import { erasureSchema, exportParam, requestParam } from './schemas';
import { cancelErasure, confirmErasure, afterErasure, requestErasure } from './requests';
import { myDataView } from './my-data';

const ownData = (a: Actor) => privacyPolicy.ownData(a);
const seeRequests = (a: Actor) => privacyPolicy.seeRequests(a);

/** "My data" (/c/:communityId/my-data): what CoPeR holds about the member, the download, erasure requests. */
export function privacyRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const store = diskStore(config.DATA_DIR);
  const base = (c: MemberContext) => `/c/${c.actor.communityId}/my-data`;

  async function render(c: MemberContext, res: Response, extra: { error?: string; form?: Record<string, string>; notice?: string } = {}) {
    res.locals.navCurrent = 'my-data';
    const view = await myDataView(sequelize, { user: c.user, communityId: c.actor.communityId, seeRequests: seeRequests(c.actor) });
    res.render('privacy/my-data', { title: c.t('privacy.mydata.title'), ...view, error: extra.error ?? null, form: extra.form ?? {}, notice: extra.notice ?? null, base: base(c) });
  }

  r.get('/c/:communityId/my-data', ...guard, route.authorize(ownData).handle(async (c, req, res) => {
    const notice = typeof req.query.done === 'string' && ['requested', 'cancelled', 'confirmed', 'erased', 'export_queued'].includes(req.query.done) ? c.t(`privacy.done.${req.query.done}`) : undefined;
    await render(c, res, { notice });
  }));

  r.get('/c/:communityId/my-data/export.zip', ...guard, route.authorize(ownData).handle(async ({ user, lang, t }, req, res) => {
    const data = await collectPersonalData(sequelize, user.id);
    const zip = await buildArchive(data, { lang, t, store });
    await audit('export', 'member', { tables: data.tables.length, rows: data.tables.reduce((n, x) => n + x.rows.length, 0) });
    const day = new Date().toISOString().slice(0, 10);
    res.set({ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="coper-my-data-${day}.zip"`, 'Cache-Control': 'no-store' });
    res.send(Buffer.from(zip));
  }));

  // Long histories: prepared by the worker, with progress; a notification says when it is ready.
  r.post('/c/:communityId/my-data/exports', ...guard, route.authorize(ownData).handle(async (c, req, res) => {
    await requestExport(c.membership, c.lang);
    res.redirect(303, c.url(base(c), { done: 'export_queued' }));
  }));

  // Polled by public/js/my-data.js for the progress bar.
  r.get('/c/:communityId/my-data/exports/:exportId/status', ...guard, route
    .validate(exportParam, { from: 'params' })
    .load((c) => PrivacyExport.findOne({ where: { id: c.input.exportId, userId: c.user.id }, attributes: ['status', 'progress'] }))
    .handle(({ subject: row }, req, res) => {
      res.set('Cache-Control', 'no-store').json({ status: row.status, progress: row.progress });
    }));

  // The file is the member's alone, until it expires (RETENTION_EXPORT_HOURS).
  r.get('/c/:communityId/my-data/exports/:exportId', ...guard, route
    .validate(exportParam, { from: 'params' })
    .load(async (c) => {
      const row = await PrivacyExport.findOne({ where: { id: c.input.exportId, userId: c.user.id, status: 'ready' } });
      return row?.fileKey && row.expiresAt && row.expiresAt > new Date() ? { row, fileKey: row.fileKey } : null;
    })
    .handle(({ subject: { row, fileKey } }, req, res) => {
      res.set({ 'Content-Disposition': `attachment; filename="coper-my-data-${row.createdAt.toISOString().slice(0, 10)}.zip"`, 'Cache-Control': 'no-store' });
      res.type('application/zip').sendFile(exportPath(config, fileKey));
    }));

  r.post('/c/:communityId/my-data/erasure', ...guard, route
    .authorize(ownData)
    .validate(erasureSchema, {
      invalid: (c, form, req, res) => render(c, res, { error: c.t(form.issues[0].message), form: { contributions: String(req.body.contributions ?? '') } }),
    })
    .transaction((c, t) => requestErasure(c.user, c.input.contributions === 'keep', t))
    .handle((c, req, res) => res.redirect(303, c.url(base(c), { done: 'requested' }))));

  r.post('/c/:communityId/my-data/erasure/cancel', ...guard, route
    .transaction((c, t) => cancelErasure(c.user, t))
    .handle((c, req, res) => res.redirect(303, c.url(base(c), { done: 'cancelled' }))));

  r.post('/c/:communityId/my-data/requests/:requestId/confirm', ...guard, route
    .authorize(seeRequests)
    .validate(requestParam, { from: 'params' })
    .transaction((c, t) => confirmErasure(sequelize, c.membership, c.input.requestId, t))
    .handle(async (c, req, res) => {
      if (c.result) await afterErasure(config, c.result);
      res.redirect(303, c.url(base(c), { done: c.result ? 'erased' : 'confirmed' }));
    }));

  return r;
}
