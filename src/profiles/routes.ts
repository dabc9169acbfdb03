import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { forbidden, notFound } from '../kernel/errors';
import { actorOf, type Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { formErrors } from '../content/forms';
import { parseTags } from '../content/tags';
import { profileSchema, followSchema } from './schemas';
import { profileCan, profilePolicy } from './policy';
import { updateProfile, setMemberFollow } from './service';
import { cardFor, loadMembers } from './members';
import { isFollowing, profileFormValues, recentContributions } from './presenter';
import { PROFILE_FIELDS, FIELD_VISIBILITIES, EXPERIENCES } from './model';
import { retryTransaction } from '../db/retry';
import { currentZone } from '../content/zone';

/** Profile pages (/c/:id/people/:membershipId), editing one's own profile, following a member. */
export function profileRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/people/:membershipId', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const [rec] = await loadMembers(actor.communityId, [idParam(req.params.membershipId)]);
    if (!rec) throw notFound();
    const card = cardFor(rec, actor);
    const [following, recent] = await Promise.all([isFollowing(actor.membershipId, rec.membershipId), recentContributions(actor.communityId, [rec.userId], res.locals.url, actor.lang)]);
    res.locals.navCurrent = card.isMe ? 'profile' : 'people';
    res.render('profiles/show', { title: card.name, card, following, recent, zone: card.isMe ? currentZone() : null, can: { ...profileCan(actor, rec.membershipId), askMentor: actor.role !== 'observer' && !card.isMe && rec.role !== 'observer' } });
  });

  r.get('/c/:communityId/profile', ...guard, (req, res) => {
    const actor = actorOf(req.ctx);
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/people/${actor.membershipId}`));
  });

  r.get('/c/:communityId/profile/edit', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!profilePolicy.edit(actor, actor.membershipId)) throw forbidden();
    const [rec] = await loadMembers(actor.communityId, [actor.membershipId]);
    await renderEdit(req, res, actor, await profileFormValues(rec), {}, rec.lmsInstitution);
  });

  r.post('/c/:communityId/profile', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (!profilePolicy.edit(actor, actor.membershipId)) throw forbidden();
    const parsed = profileSchema.safeParse(req.body);
    const expertise = parseTags(typeof req.body.expertise === 'string' ? req.body.expertise : '');
    const learning = parseTags(typeof req.body.learning === 'string' ? req.body.learning : '');
    if (!parsed.success || 'error' in expertise || 'error' in learning) {
      const errors = parsed.success ? {} : formErrors(parsed.error.issues, req.ctx!.t);
      if ('error' in expertise) errors.expertise = req.ctx!.t(expertise.error);
      if ('error' in learning) errors.learning = req.ctx!.t(learning.error);
      return renderEdit(req, res.status(400), actor, req.body, errors, null);
    }
    await retryTransaction(sequelize, (t) => updateProfile(actor, parsed.data, { expertise: expertise.tags, learning: learning.tags }, t));
    const next = req.body.next === 'welcome' ? `/c/${actor.communityId}/welcome` : `/c/${actor.communityId}/people/${actor.membershipId}`;
    res.redirect(303, res.locals.url(next, { saved: 1 }));
  });

  r.post('/c/:communityId/people/:membershipId/follow', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const [rec] = await loadMembers(actor.communityId, [idParam(req.params.membershipId)]);
    if (!rec) throw notFound();
    if (!profilePolicy.follow(actor, rec.membershipId)) throw forbidden();
    const { on } = followSchema.parse(req.body);
    await retryTransaction(sequelize, (t) => setMemberFollow(actor, rec.membershipId, on, t));
    const back = req.body.next === 'welcome' ? `/c/${actor.communityId}/welcome` : `/c/${actor.communityId}/people/${rec.membershipId}`;
    res.redirect(303, res.locals.url(back));
  });

  return r;
}

async function renderEdit(req: Request, res: Response, actor: Actor, values: Record<string, unknown>, errors: Record<string, string>, lmsInstitution: string | null) {
  const v: Record<string, string> = {};
  for (const [k, val] of Object.entries(values)) if (typeof val === 'string') v[k] = val;
  res.locals.navCurrent = 'profile';
  res.render('profiles/edit', {
    title: req.ctx!.t('profiles.edit_title'),
    values: v,
    errors,
    fields: PROFILE_FIELDS,
    levels: FIELD_VISIBILITIES,
    experiences: EXPERIENCES,
    lmsInstitution,
    next: req.query.next === 'welcome' || req.body?.next === 'welcome' ? 'welcome' : '',
  });
}
