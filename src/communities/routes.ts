import { Router, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { ZodIssue } from 'zod';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member, signedIn, type SessionContext } from '../web/pipeline';
import { DomainError, forbidden } from '../kernel/errors';
import { continueCommunitySchema, createCommunitySchema, joinCommunitySchema } from './schemas';
import { previousCommunity } from './course-copy';
import { setupZone } from './service';
import { setUpByCode, setUpContinued, setUpNew, setupOf } from './setup';
import { timeZones } from '../kernel/time-zones';
import { setupPolicy } from './policy';
import { communityHome, noteVisit } from './home';
import { setupLinks } from './presenters';
import { Cohort } from '../kernel/community';

/** First launch in a course (setup: create or join), and the community home. */
export function communityRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);
  const setup = signedIn(sequelize);

  r.get('/setup', session, setup
    .authorize(setupPolicy.page)
    .handle(async ({ actor, t, url }, req, res) => {
      if (actor.session.cohortId) return res.redirect(303, url(`/c/${await communityOf(actor.session.cohortId)}`));
      const previous = await previousCommunity(setupOf(actor));
      const timeZone = setupZone(actor.session.launch);
      res.render('communities/setup', {
        title: t('setup.title'), course: actor.session.launch.contextTitle ?? '', previous: previous && { id: previous.community.id, title: previous.community.title, course: previous.course },
        zones: timeZones(timeZone), values: { timeZone }, errors: {}, links: setupLinks(url),
      });
    }));

  r.post('/setup/continue', session, setup
    .authorize(setupPolicy.setUp)
    // Only a community offered on the page can be continued: anything else is refused, not explained.
    .validate(continueCommunitySchema, { invalid: () => { throw forbidden(); } })
    .transaction((c, t) => setUpContinued(c.actor, c.input.communityId, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.result.community.id}`))));

  r.post('/setup/create', session, setup
    .authorize(setupPolicy.setUp)
    .validate(createCommunitySchema, { invalid: (c, form, req, res) => renderSetupErrors(c, res, form.values, form.issues) })
    .transaction((c, t) => setUpNew(c.actor, c.input, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.result.community.id}`))));

  r.post('/setup/join', session, setup
    .authorize(setupPolicy.setUp)
    .validate(joinCommunitySchema, { invalid: (c, form, req, res) => renderSetupErrors(c, res, form.values, form.issues) })
    .transaction((c, t) => setUpByCode(c.actor, c.input.code, t))
    .handle((c, req, res) => {
      if (!c.result) return renderSetupErrors(c, res.status(400), req.body, [{ path: ['code'], message: 'errors.code_unknown' }]);
      res.redirect(303, c.url(`/c/${c.result.community.id}`));
    }));

  r.get('/c/:communityId', session, communityMember, member().handle(async ({ community, membership, user }, req, res) => {
    const home = await communityHome(community, membership, user);
    await noteVisit(membership);
    res.locals.navCurrent = 'home';
    res.render('communities/home', { title: community.title, home });
  }));

  return r;
}

async function communityOf(cohortId: number): Promise<number> {
  const cohort = await Cohort.findByPk(cohortId, { attributes: ['communityId'] });
  if (!cohort) throw new DomainError('not_found', 'errors.not_found');
  return cohort.communityId;
}

function renderSetupErrors(c: SessionContext, res: Response, body: Record<string, unknown>, issues: Array<Pick<ZodIssue, 'path' | 'message'>>) {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[String(i.path[0] ?? 'form')] = c.t(i.message);
  const timeZone = typeof body.timeZone === 'string' ? body.timeZone : setupZone(c.actor.session.launch);
  res.render('communities/setup', {
    title: c.t('setup.title'),
    course: c.actor.session.launch.contextTitle ?? '',
    previous: null,
    zones: timeZones(timeZone),
    values: { title: String(body.title ?? ''), purpose: String(body.purpose ?? ''), code: String(body.code ?? ''), timeZone },
    errors,
    links: setupLinks(c.url),
  });
}
