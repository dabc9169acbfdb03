import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound, DomainError } from '../kernel/errors';
import { actorOf } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { ShowcaseItem } from './model';
import { showcasePolicy } from './policy';
import { consentSchema, proposeSchema, settingsSchema } from './schemas';
import { answerConsent, configureShowcase, proposeItem, publishItem, unpublishItem } from './service';
import { loadEntries, refKey } from './entries';
import { showcasePage } from './page';
import { retryTransaction } from '../db/retry';

/** An item of this community (never another's), or 404. */
async function findItem(req: Request): Promise<ShowcaseItem> {
  const item = await ShowcaseItem.findOne({ where: { id: idParam(req.params.itemId), communityId: req.ctx!.community!.id } });
  if (!item) throw notFound();
  return item;
}

/** The showcase page inside the community: settings, proposals, consent, publication. */
export function showcaseRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const back = (req: Request) => req.res!.locals.url(`/c/${req.ctx!.community!.id}/showcase`);

  r.get('/c/:communityId/showcase', ...guard, async (req, res) => {
    const page = await showcasePage(actorOf(req.ctx));
    res.locals.navCurrent = 'showcase';
    res.render('showcase/index', { title: req.ctx!.t('showcase.title'), page, publicUrl: config.PUBLIC_URL });
  });

  r.post('/c/:communityId/showcase/settings', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!showcasePolicy.manage(actor)) throw forbidden();
    const input = settingsSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => configureShowcase(actor, input, t));
    res.redirect(303, back(req));
  });

  r.post('/c/:communityId/showcase/items', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!showcasePolicy.manage(actor)) throw forbidden();
    const ref = proposeSchema.parse(req.body);
    const entry = (await loadEntries(actor.communityId, [ref])).get(refKey(ref));
    if (!entry) throw new DomainError('invalid', 'showcase.errors.type');
    await retryTransaction(sequelize, (t) => proposeItem(actor, entry, t));
    res.redirect(303, back(req));
  });

  r.post('/c/:communityId/showcase/items/:itemId/consent', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const item = await findItem(req);
    if (!showcasePolicy.answer(actor, item)) throw forbidden();
    const { answer } = consentSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => answerConsent(actor, item, answer, t));
    res.redirect(303, back(req));
  });

  r.post('/c/:communityId/showcase/items/:itemId/publish', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!showcasePolicy.manage(actor)) throw forbidden();
    const item = await findItem(req);
    await retryTransaction(sequelize, (t) => publishItem(actor, item, t));
    res.redirect(303, back(req));
  });

  r.post('/c/:communityId/showcase/items/:itemId/unpublish', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!showcasePolicy.manage(actor)) throw forbidden();
    const item = await findItem(req);
    await retryTransaction(sequelize, (t) => unpublishItem(actor, item, t));
    res.redirect(303, back(req));
  });

  return r;
}
