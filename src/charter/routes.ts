import { Router, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, type MemberContext } from '../web/pipeline';
import { DomainError } from '../kernel/errors';
import { idParam } from '../kernel/ids';
import type { Actor } from '../kernel/actor';
import { draftCharterSchema, acknowledgeSchema, diffQuery } from './schemas';
import { currentCharter, draftCharter, acknowledgeCharter } from './service';
import { charterHistory, versionView, versionDiff, hasAcknowledged, acknowledgementCount, charterLinks } from './presenters';
import { charterCan, charterPolicy } from './policy';
import { CharterVersion } from './model';
import { currentZone } from '../content/zone';

/** A version of this community's charter, or null (a malformed number is not found either). */
const versionOf = (communityId: number, raw: unknown) => CharterVersion.findOne({ where: { communityId, version: idParam(raw) } });

/** Whether the community has a charter yet (drafting the first one depends on it). */
const charterState = async (c: MemberContext) => ({ hasCharter: Boolean(await currentCharter(c.actor.communityId)) });

/** The first version is drafted only once: with a charter in force, the facilitator is told so (409). */
async function noCharterYet(c: MemberContext) {
  if (await currentCharter(c.actor.communityId)) throw new DomainError('conflict', 'charter.errors.exists');
  return { hasCharter: false };
}

/** The charter: current version, history, diffs, first draft and acknowledgement. */
export function charterRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);
  const base = '/c/:communityId/charter';
  const drafter = (a: Actor) => charterPolicy.drafter(a);

  r.get(base, ...guard, route.handle(async ({ actor, community, lang, t, url }, req, res) => {
    const current = await currentCharter(actor.communityId);
    res.locals.navCurrent = 'governance';
    res.locals.charterBanner = null; // this page carries the acknowledgement form itself
    res.render('charter/show', {
      title: t('charter.title'),
      purpose: community.purpose,
      current: current ? versionView(current, t) : null,
      acknowledged: current ? await hasAcknowledged(actor.membershipId, current.id) : false,
      ackCount: current && actor.role === 'facilitator' ? await acknowledgementCount(current.id) : null,
      history: await charterHistory(actor.communityId, { zone: currentZone(), lang, t, url }),
      can: charterCan(actor, Boolean(current)),
      acked: req.query.acked === '1',
      links: charterLinks(actor.communityId, url),
    });
  }));

  r.get(`${base}/new`, ...guard, route
    .load(charterState)
    .authorize((a, s) => charterPolicy.draft(a, s.hasCharter))
    .handle((c, req, res) => renderDraftForm(c, res, { rule_consent: 'on', rule_consensus: 'on', rule_majority: 'on', rule_poll: 'on', quorum: 50, body: c.t('charter.template') }, null)));

  r.post(base, ...guard, route
    .authorize(drafter)
    .load(noCharterYet)
    .validate(draftCharterSchema, { invalid: (c, form, req, res) => renderDraftForm(c, res, form.values, c.t(form.issues[0].message)) })
    .transaction((c, t) => draftCharter(c.actor, c.input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/charter`))));

  r.post(`${base}/acknowledge`, ...guard, route
    .validate(acknowledgeSchema)
    .transaction((c, t) => acknowledgeCharter(c.actor, c.input.version, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/charter`, { acked: 1 }))));

  r.get(`${base}/versions/:version`, ...guard, route
    .load((c, req) => versionOf(c.actor.communityId, req.params.version))
    .handle(({ actor, subject: v, t, url }, req, res) => {
      res.locals.navCurrent = 'governance';
      res.render('charter/version', { title: t('charter.version_title', { version: v.version }), v: versionView(v, t), links: charterLinks(actor.communityId, url) });
    }));

  r.get(`${base}/diff`, ...guard, route
    .validate(diffQuery, { from: 'query', invalid: () => { throw new DomainError('invalid', 'charter.errors.diff_query'); } })
    .load(async (c) => {
      const [a, b] = await Promise.all([versionOf(c.actor.communityId, c.input.from), versionOf(c.actor.communityId, c.input.to)]);
      return a && b ? { a, b } : null;
    })
    .handle(({ actor, subject: { a, b }, t, url }, req, res) => {
      res.locals.navCurrent = 'governance';
      res.render('charter/diff', { title: t('charter.diff_title', { from: a.version, to: b.version }), from: a.version, to: b.version, lines: versionDiff(a, b, t), links: charterLinks(actor.communityId, url) });
    }));

  return r;
}

/** The form to draft the first version (the route has checked who drafts, and that there is no charter yet). */
function renderDraftForm(c: MemberContext, res: Response, values: Record<string, unknown>, error: string | null) {
  res.locals.navCurrent = 'governance';
  res.render('charter/new', { title: c.t('charter.new_title'), values, error, links: charterLinks(c.actor.communityId, c.url) });
}
