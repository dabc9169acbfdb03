import { Router } from 'express';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, forbidden } from '../kernel/errors';
import { continueCommunitySchema, createCommunitySchema, joinCommunitySchema } from './schemas';
import { continueCommunity, previousCommunity } from './course-copy';
import { createCommunity, joinCommunity, setupZone, SetupError } from './service';
import { timeZones } from '../kernel/time-zones';
import { communityPolicy } from './policy';
import { communityHome, noteVisit } from './home';
import { attachCohort } from '../sessions/service';
import { Cohort } from '../kernel/community';
import { retryTransaction } from '../db/retry';

/** First launch in a course (setup: create or join), and the community home. */
export function communityRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);

  r.get('/setup', session, async (req, res) => {
    const ctx = req.ctx!;
    if (ctx.session.cohortId) return res.redirect(303, res.locals.url(`/c/${await communityOf(ctx.session.cohortId)}`));
    if (!communityPolicy.setUpCourse(ctx.session.launch.role)) throw forbidden();
    const previous = await previousCommunity({ userId: ctx.user.id, platformId: ctx.session.platformId, launch: ctx.session.launch });
    res.render('communities/setup', { title: ctx.t('setup.title'), course: ctx.session.launch.contextTitle ?? '', previous: previous && { id: previous.community.id, title: previous.community.title, course: previous.course }, zones: timeZones(), values: { timeZone: setupZone(ctx.session.launch) }, errors: {} });
  });

  r.post('/setup/continue', session, async (req, res) => {
    const ctx = req.ctx!;
    if (!communityPolicy.setUpCourse(ctx.session.launch.role) || ctx.session.cohortId) throw forbidden();
    const parsed = continueCommunitySchema.safeParse(req.body);
    if (!parsed.success) throw forbidden();
    const continued = await inSetup(() =>
      retryTransaction(sequelize, async (t) => {
        const result = await continueCommunity({ userId: ctx.user.id, platformId: ctx.session.platformId, launch: ctx.session.launch }, parsed.data.communityId, t);
        if (result) await attachCohort(ctx.session.id, result.cohort.id, t);
        return result;
      }),
    );
    // Only the community of a course this one was copied from (the LMS said so in the signed launch).
    if (!continued) throw forbidden();
    res.redirect(303, res.locals.url(`/c/${continued.community.id}`));
  });

  r.post('/setup/create', session, async (req, res) => {
    const ctx = req.ctx!;
    if (!communityPolicy.setUpCourse(ctx.session.launch.role) || ctx.session.cohortId) throw forbidden();
    const parsed = createCommunitySchema.safeParse(req.body);
    if (!parsed.success) return renderSetupErrors(res, ctx, req.body, parsed.error.issues);
    const result = await inSetup(() =>
      retryTransaction(sequelize, async (t) => {
        const created = await createCommunity({ userId: ctx.user.id, platformId: ctx.session.platformId, launch: ctx.session.launch }, parsed.data, t);
        await attachCohort(ctx.session.id, created.cohort.id, t);
        return created;
      }),
    );
    res.redirect(303, res.locals.url(`/c/${result.community.id}`));
  });

  r.post('/setup/join', session, async (req, res) => {
    const ctx = req.ctx!;
    if (!communityPolicy.setUpCourse(ctx.session.launch.role) || ctx.session.cohortId) throw forbidden();
    const parsed = joinCommunitySchema.safeParse(req.body);
    if (!parsed.success) return renderSetupErrors(res, ctx, req.body, parsed.error.issues);
    const joined = await inSetup(() =>
      retryTransaction(sequelize, async (t) => {
        const result = await joinCommunity({ userId: ctx.user.id, platformId: ctx.session.platformId, launch: ctx.session.launch }, parsed.data.code, t);
        if (result) await attachCohort(ctx.session.id, result.cohort.id, t);
        return result;
      }),
    );
    if (!joined) return renderSetupErrors(res, ctx, req.body, [{ path: ['code'], message: 'errors.code_unknown' }]);
    res.redirect(303, res.locals.url(`/c/${joined.community.id}`));
  });

  r.get('/c/:communityId', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const home = await communityHome(ctx.community!, ctx.membership!, ctx.user);
    await noteVisit(ctx.membership!);
    res.locals.navCurrent = 'home';
    res.render('communities/home', { title: ctx.community!.title, home });
  });

  return r;
}

async function communityOf(cohortId: number): Promise<number> {
  const cohort = await Cohort.findByPk(cohortId, { attributes: ['communityId'] });
  if (!cohort) throw new DomainError('not_found', 'errors.not_found');
  return cohort.communityId;
}

/** A course linked twice at once (two instructors): a clear message instead of a database error. */
async function inSetup<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SetupError || err instanceof UniqueConstraintError) throw new DomainError('conflict', 'errors.course_already_linked');
    throw err;
  }
}

function renderSetupErrors(
  res: import('express').Response,
  ctx: NonNullable<import('express').Request['ctx']>,
  body: Record<string, unknown>,
  issues: Array<{ path: PropertyKey[]; message: string }>,
) {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[String(i.path[0] ?? 'form')] = ctx.t(i.message);
  res.status(400).render('communities/setup', {
    title: ctx.t('setup.title'),
    course: ctx.session.launch.contextTitle ?? '',
    previous: null,
    zones: timeZones(),
    values: { title: String(body.title ?? ''), purpose: String(body.purpose ?? ''), code: String(body.code ?? ''), timeZone: typeof body.timeZone === 'string' ? body.timeZone : setupZone(ctx.session.launch) },
    errors,
  });
}
