import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { DomainError } from '../kernel/errors';
import { idParam } from '../kernel/ids';
import type { Actor } from '../kernel/actor';
import { ShowcaseItem } from './model';
import { showcasePolicy } from './policy';
import { consentSchema, proposeSchema, settingsSchema } from './schemas';
import { answerConsent, configureShowcase, proposeItem, publishItem, unpublishItem } from './service';
import { loadEntries, refKey, type Ref, type ShowcaseEntry } from './entries';
import { showcasePage } from './page';

/** The item in the address, of this community (never another's). */
const item = (c: MemberContext, req: Request) => ShowcaseItem.findOne({ where: { id: idParam(req.params.itemId), communityId: c.actor.communityId } });

/** The contribution proposed, if it may be shown (a 400 otherwise: the form named it). */
async function proposable(actor: Actor, ref: Ref): Promise<ShowcaseEntry> {
  const found = (await loadEntries(actor.communityId, [ref])).get(refKey(ref));
  if (!found) throw new DomainError('invalid', 'showcase.errors.type');
  return found;
}

/** The showcase page inside the community: settings, proposals, consent, publication. */
export function showcaseRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const back = (c: MemberContext) => c.url(`/c/${c.actor.communityId}/showcase`);

  r.get('/c/:communityId/showcase', ...guard, route.handle(async ({ actor, t }, req, res) => {
    const page = await showcasePage(actor);
    res.locals.navCurrent = 'showcase';
    res.render('showcase/index', { title: t('showcase.title'), page, publicUrl: config.PUBLIC_URL });
  }));

  r.post('/c/:communityId/showcase/settings', ...guard, route
    .authorize(showcasePolicy.manage)
    .validate(settingsSchema)
    .transaction((c, t) => configureShowcase(c.actor, c.input, t))
    .handle((c, req, res) => res.redirect(303, back(c))));

  r.post('/c/:communityId/showcase/items', ...guard, route
    .authorize(showcasePolicy.manage)
    .validate(proposeSchema)
    .load((c) => proposable(c.actor, c.input))
    .transaction((c, t) => proposeItem(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, back(c))));

  r.post('/c/:communityId/showcase/items/:itemId/consent', ...guard, route
    .load(item)
    .authorize(showcasePolicy.answer)
    .validate(consentSchema)
    .transaction((c, t) => answerConsent(c.actor, c.subject, c.input.answer, t))
    .handle((c, req, res) => res.redirect(303, back(c))));

  r.post('/c/:communityId/showcase/items/:itemId/publish', ...guard, route
    .authorize(showcasePolicy.manage)
    .load(item)
    .transaction((c, t) => publishItem(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, back(c))));

  r.post('/c/:communityId/showcase/items/:itemId/unpublish', ...guard, route
    .authorize(showcasePolicy.manage)
    .load(item)
    .transaction((c, t) => unpublishItem(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, back(c))));

  return r;
}
