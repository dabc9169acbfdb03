import { Router } from 'express';
import { Op, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { DomainError, forbidden } from '../kernel/errors';
import { Cohort } from '../kernel/community';
import { recordActivity } from '../activity/model';
import { requestRosterSync } from '../lms/schedule';
import { membersQuery } from './schemas';
import { membersCan, membersPolicy } from './policy';
import { listMembers, rosterStatus } from './service';
import { retryTransaction } from '../db/retry';

/** The members page (/c/:communityId/members) and the facilitator's roster sync. */
export function membersRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const session = sessionRequired(config);

  r.get('/c/:communityId/members', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    const query = membersQuery.parse(req.query);
    const can = membersCan(ctx.role!);
    if (query.status !== 'active' && !can.seeAllStatuses) throw forbidden();
    const [list, sync] = await Promise.all([listMembers(ctx.community!.id, query.status, query.page), can.syncRoster ? rosterStatus(ctx.community!.id) : []]);
    res.locals.navCurrent = 'members';
    res.render('members/index', { title: ctx.t('members.title'), list, sync, can, started: req.query.sync === 'started' });
  });

  r.post('/c/:communityId/members/sync', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!membersPolicy.syncRoster(ctx.role!)) throw forbidden();
    const cohorts = await Cohort.findAll({ where: { communityId: ctx.community!.id, nrpsUrl: { [Op.ne]: null } }, attributes: ['id', 'communityId'] });
    if (!cohorts.length) throw new DomainError('conflict', 'members.errors.no_service');
    await retryTransaction(sequelize, (t) =>
      recordActivity(
        { communityId: ctx.community!.id, userId: ctx.user.id, membershipId: ctx.membership!.id, verb: 'roster.sync_requested', data: { cohorts: cohorts.map((c) => c.id) } },
        t,
      ),
    );
    await requestRosterSync(config, cohorts, { trigger: 'manual', userId: ctx.user.id });
    res.redirect(303, res.locals.url(`/c/${ctx.community!.id}/members`, { sync: 'started' }));
  });

  // Polled by public/js/members.js for the progress indicator.
  r.get('/c/:communityId/members/sync/status', session, communityMember, async (req, res) => {
    const ctx = req.ctx!;
    if (!membersPolicy.syncRoster(ctx.role!)) throw forbidden();
    const cohorts = await rosterStatus(ctx.community!.id);
    res.set('Cache-Control', 'no-store').json({
      running: cohorts.some((c) => c.running),
      cohorts: cohorts.map((c) => ({
        id: c.cohortId,
        state: c.state,
        running: c.running,
        pages: c.pagesRead,
        members: c.membersRead,
        label: ctx.t(`members.state.${c.state}`),
        progress: ctx.t('members.progress', { pages: c.pagesRead, members: c.membersRead }),
      })),
    });
  });

  return r;
}
