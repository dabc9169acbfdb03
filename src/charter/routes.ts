import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, forbidden, notFound } from '../kernel/errors';
import { draftCharterSchema, acknowledgeSchema, versionParam, diffQuery } from './schemas';
import { currentCharter, draftCharter, acknowledgeCharter } from './service';
import { charterHistory, versionView, versionDiff, hasAcknowledged, acknowledgementCount } from './presenters';
import { charterCan, charterPolicy } from './policy';
import { CharterVersion } from './model';
import { actorOf } from '../kernel/actor';
import { retryTransaction } from '../db/retry';
import { currentZone } from '../content/zone';

const ctxOf = (req: Request) => req.ctx!;

async function versionOf(communityId: number, raw: unknown): Promise<CharterVersion> {
  const n = versionParam.safeParse(raw);
  if (!n.success) throw notFound();
  const v = await CharterVersion.findOne({ where: { communityId, version: n.data } });
  if (!v) throw notFound();
  return v;
}

/** The charter: current version, history, diffs, first draft and acknowledgement. */
export function charterRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const base = '/c/:communityId/charter';

  r.get(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const current = await currentCharter(ctx.community!.id);
    const view = { zone: currentZone(), lang: ctx.lang, t: ctx.t };
    res.locals.navCurrent = 'governance';
    res.locals.charterBanner = null; // this page carries the acknowledgement form itself
    res.render('charter/show', {
      title: ctx.t('charter.title'),
      purpose: ctx.community!.purpose,
      current: current ? versionView(current, ctx.t) : null,
      acknowledged: current ? await hasAcknowledged(ctx.membership!.id, current.id) : false,
      ackCount: current && ctx.role === 'facilitator' ? await acknowledgementCount(current.id) : null,
      history: await charterHistory(ctx.community!.id, view),
      can: charterCan(ctx.role!, Boolean(current)),
      acked: req.query.acked === '1',
    });
  });

  r.get(`${base}/new`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    if (!charterPolicy.draft(ctx.role!, Boolean(await currentCharter(ctx.community!.id)))) throw forbidden();
    res.locals.navCurrent = 'governance';
    res.render('charter/new', { title: ctx.t('charter.new_title'), values: { rule_consent: 'on', rule_consensus: 'on', rule_majority: 'on', rule_poll: 'on', quorum: 50, body: ctx.t('charter.template') }, error: null });
  });

  r.post(base, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    if (!charterPolicy.draft(ctx.role!, Boolean(await currentCharter(ctx.community!.id)))) throw ctx.role === 'facilitator' ? new DomainError('conflict', 'charter.errors.exists') : forbidden();
    const parsed = draftCharterSchema.safeParse(req.body);
    if (!parsed.success) {
      res.locals.navCurrent = 'governance';
      return res.status(400).render('charter/new', { title: ctx.t('charter.new_title'), values: req.body, error: ctx.t(parsed.error.issues[0].message) });
    }
    await retryTransaction(sequelize, (t) => draftCharter(actorOf(ctx), parsed.data, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/charter`));
  });

  r.post(`${base}/acknowledge`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const { version } = acknowledgeSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => acknowledgeCharter(actorOf(ctx), version, t));
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/charter`, { acked: 1 }));
  });

  r.get(`${base}/versions/:version`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const v = await versionOf(ctx.community!.id, req.params.version);
    res.locals.navCurrent = 'governance';
    res.render('charter/version', { title: ctx.t('charter.version_title', { version: v.version }), v: versionView(v, ctx.t) });
  });

  r.get(`${base}/diff`, ...guard, async (req, res) => {
    const ctx = ctxOf(req);
    const q = diffQuery.safeParse(req.query);
    if (!q.success) throw new DomainError('invalid', 'charter.errors.diff_query');
    const [a, b] = await Promise.all([versionOf(ctx.community!.id, q.data.from), versionOf(ctx.community!.id, q.data.to)]);
    res.locals.navCurrent = 'governance';
    res.render('charter/diff', { title: ctx.t('charter.diff_title', { from: a.version, to: b.version }), from: a.version, to: b.version, lines: versionDiff(a, b, ctx.t) });
  });

  return r;
}
