import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { idParam } from '../kernel/ids';
import { profileFormSchema, followSchema } from './schemas';
import { profileCan, profilePolicy } from './policy';
import { updateProfile, setMemberFollow } from './service';
import { cardFor, loadMembers, type MemberRecord } from './members';
import { isFollowing, linkedCard, profileFormLinks, profileFormValues, profileLinks, recentContributions } from './presenters';
import { PROFILE_FIELDS, FIELD_VISIBILITIES, EXPERIENCES } from './model';
import { currentZone } from '../content/zone';

/** The member in the address, in the actor's community, or 404. */
const memberOf = async (c: MemberContext, req: Request) => (await loadMembers(c.actor.communityId, [idParam(req.params.membershipId)]))[0];
/** Editing is of one's own profile only. */
const mayEditOwn = (a: Actor) => profilePolicy.edit(a, a.membershipId);
const mayFollow = (a: Actor, rec: MemberRecord) => profilePolicy.follow(a, rec.membershipId);
/** Where a form sent from the welcome page returns. */
const backTo = (req: Request, a: Actor, page: string) => (req.body.next === 'welcome' ? `/c/${a.communityId}/welcome` : page);

/** Profile pages (/c/:id/people/:membershipId), editing one's own profile, following a member. */
export function profileRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/people/:membershipId', ...guard, route
    .load(memberOf)
    .handle(async ({ actor, subject: rec, url }, req, res) => {
      const card = linkedCard(cardFor(rec, actor), actor.communityId, url);
      const [following, recent] = await Promise.all([isFollowing(actor.membershipId, rec.membershipId), recentContributions(actor.communityId, [rec.userId], url, actor.lang)]);
      res.locals.navCurrent = card.isMe ? 'profile' : 'people';
      res.render('profiles/show', {
        title: card.name,
        card,
        following,
        recent,
        zone: card.isMe ? currentZone() : null,
        can: { ...profileCan(actor, rec.membershipId), askMentor: actor.role !== 'observer' && !card.isMe && rec.role !== 'observer' },
        links: profileLinks(actor.communityId, rec.membershipId, url),
      });
    }));

  r.get('/c/:communityId/profile', ...guard, route.handle(({ actor, url }, req, res) => {
    res.redirect(303, url(`/c/${actor.communityId}/people/${actor.membershipId}`));
  }));

  r.get('/c/:communityId/profile/edit', ...guard, route
    .authorize(mayEditOwn)
    .handle(async (c, req, res) => {
      const [rec] = await loadMembers(c.actor.communityId, [c.actor.membershipId]);
      renderEdit(c, req, res, await profileFormValues(rec), {}, rec.lmsInstitution);
    }));

  r.post('/c/:communityId/profile', ...guard, route
    .authorize(mayEditOwn)
    .validate(profileFormSchema, { invalid: (c, form, req, res) => renderEdit(c, req, res, form.values, form.errors, null) })
    .transaction(({ actor, input }, t) => updateProfile(actor, input.form, input.tags, t))
    .handle(({ actor, url }, req, res) => res.redirect(303, url(backTo(req, actor, `/c/${actor.communityId}/people/${actor.membershipId}`), { saved: 1 }))));

  r.post('/c/:communityId/people/:membershipId/follow', ...guard, route
    .load(memberOf)
    .authorize(mayFollow)
    .validate(followSchema)
    .transaction(({ actor, subject: rec, input }, t) => setMemberFollow(actor, rec.membershipId, input.on, t))
    .handle(({ actor, subject: rec, url }, req, res) => res.redirect(303, url(backTo(req, actor, `/c/${actor.communityId}/people/${rec.membershipId}`)))));

  return r;
}

function renderEdit(c: MemberContext, req: Request, res: Response, values: Record<string, unknown>, errors: Record<string, string>, lmsInstitution: string | null) {
  const v: Record<string, string> = {};
  for (const [k, val] of Object.entries(values)) if (typeof val === 'string') v[k] = val;
  res.locals.navCurrent = 'profile';
  res.render('profiles/edit', {
    title: c.t('profiles.edit_title'),
    values: v,
    errors,
    fields: PROFILE_FIELDS,
    levels: FIELD_VISIBILITIES,
    experiences: EXPERIENCES,
    lmsInstitution,
    next: req.query.next === 'welcome' || req.body?.next === 'welcome' ? 'welcome' : '',
    links: profileFormLinks(c.actor.communityId, c.url),
  });
}
