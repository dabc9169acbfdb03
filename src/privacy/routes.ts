import { Router, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import type { RequestContext } from '../web/context';
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
import { retryTransaction } from '../db/retry';

/** "My data" (/c/:communityId/my-data): what CoPeR holds about the member, the download, erasure requests. */
export function privacyRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const store = diskStore(config.DATA_DIR);
  const base = (ctx: RequestContext) => `/c/${ctx.community!.id}/my-data`;

  async function render(res: Response, ctx: RequestContext, status = 200, extra: { error?: string; form?: Record<string, string>; notice?: string } = {}) {
    res.locals.navCurrent = 'my-data';
    const view = await myDataView(sequelize, { user: ctx.user, communityId: ctx.community!.id, seeRequests: privacyPolicy.seeRequests(ctx.role!) });
    res.status(status).render('privacy/my-data', { title: ctx.t('privacy.mydata.title'), ...view, error: extra.error ?? null, form: extra.form ?? {}, notice: extra.notice ?? null, base: base(ctx) });
  }

  r.get('/c/:communityId/my-data', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!privacyPolicy.ownData(ctx.role!)) throw forbidden();
    const notice = typeof req.query.done === 'string' && ['requested', 'cancelled', 'confirmed', 'erased', 'export_queued'].includes(req.query.done) ? ctx.t(`privacy.done.${req.query.done}`) : undefined;
    await render(res, ctx, 200, { notice });
  });

  r.get('/c/:communityId/my-data/export.zip', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!privacyPolicy.ownData(ctx.role!)) throw forbidden();
    const data = await collectPersonalData(sequelize, ctx.user.id);
    const zip = await buildArchive(data, { lang: ctx.lang, t: ctx.t, store });
    await audit('export', 'member', { tables: data.tables.length, rows: data.tables.reduce((n, t) => n + t.rows.length, 0) });
    const day = new Date().toISOString().slice(0, 10);
    res.set({ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="coper-my-data-${day}.zip"`, 'Cache-Control': 'no-store' });
    res.send(Buffer.from(zip));
  });

  // Long histories: prepared by the worker, with progress; a notification says when it is ready.
  r.post('/c/:communityId/my-data/exports', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!privacyPolicy.ownData(ctx.role!)) throw forbidden();
    await requestExport(ctx.membership!, ctx.lang);
    res.redirect(303, res.locals.url(base(ctx), { done: 'export_queued' }));
  });

  // Polled by public/js/my-data.js for the progress bar.
  r.get('/c/:communityId/my-data/exports/:exportId/status', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    const { exportId } = exportParam.parse(req.params);
    const row = await PrivacyExport.findOne({ where: { id: exportId, userId: ctx.user.id }, attributes: ['status', 'progress'] });
    if (!row) throw notFound();
    res.set('Cache-Control', 'no-store').json({ status: row.status, progress: row.progress });
  });

  // The file is the member's alone, until it expires (RETENTION_EXPORT_HOURS).
  r.get('/c/:communityId/my-data/exports/:exportId', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    const { exportId } = exportParam.parse(req.params);
    const row = await PrivacyExport.findOne({ where: { id: exportId, userId: ctx.user.id, status: 'ready' } });
    if (!row?.fileKey || !row.expiresAt || row.expiresAt <= new Date()) throw notFound();
    res.set({ 'Content-Disposition': `attachment; filename="coper-my-data-${row.createdAt.toISOString().slice(0, 10)}.zip"`, 'Cache-Control': 'no-store' });
    res.type('application/zip').sendFile(exportPath(config, row.fileKey));
  });

  r.post('/c/:communityId/my-data/erasure', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!privacyPolicy.ownData(ctx.role!)) throw forbidden();
    const parsed = erasureSchema.safeParse(req.body);
    if (!parsed.success) {
      const form = { contributions: String(req.body.contributions ?? '') };
      return render(res, ctx, 400, { error: ctx.t(parsed.error.issues[0].message), form });
    }
    await retryTransaction(sequelize, (t) => requestErasure(ctx.user, parsed.data.contributions === 'keep', t));
    res.redirect(303, res.locals.url(base(ctx), { done: 'requested' }));
  });

  r.post('/c/:communityId/my-data/erasure/cancel', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    await retryTransaction(sequelize, (t) => cancelErasure(ctx.user, t));
    res.redirect(303, res.locals.url(base(ctx), { done: 'cancelled' }));
  });

  r.post('/c/:communityId/my-data/requests/:requestId/confirm', ...guard, async (req, res) => {
    const ctx = req.ctx!;
    if (!privacyPolicy.seeRequests(ctx.role!)) throw forbidden();
    const { requestId } = requestParam.parse(req.params);
    const result = await retryTransaction(sequelize, (t) => confirmErasure(sequelize, ctx.membership!, requestId, t));
    if (result) await afterErasure(config, result);
    res.redirect(303, res.locals.url(base(ctx), { done: result ? 'erased' : 'confirmed' }));
  });

  return r;
}
