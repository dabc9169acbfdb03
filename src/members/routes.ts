import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import type { Actor } from '../kernel/actor';
import { requestRosterSync } from '../lms/schedule';
import { membersQuery } from './schemas';
import { membersCan, membersPolicy } from './policy';
import { listMembers, rosterStatus } from './service';
import { requestSync } from './sync';
import { membersLinks } from './presenters';

const mayListStatus = (a: Actor, q: { status: string }) => q.status === 'active' || membersPolicy.seeAllStatuses(a);
const maySync = (a: Actor) => membersPolicy.syncRoster(a);

/** The members page (/c/:communityId/members) and the facilitator's roster sync. */
export function membersRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/members', ...guard, route
    .validate(membersQuery, { from: 'query' })
    // The listed status is the subject: other statuses than active are a facilitator's business.
    .load((c) => c.input)
    .authorize(mayListStatus)
    .handle(async ({ actor, input: query, t, url }, req, res) => {
      const can = membersCan(actor);
      const [list, sync] = await Promise.all([listMembers(actor.communityId, query.status, query.page), can.syncRoster ? rosterStatus(actor.communityId) : []]);
      res.locals.navCurrent = 'members';
      res.render('members/index', { title: t('members.title'), list, sync, can, started: req.query.sync === 'started', links: membersLinks(actor.communityId, list, url) });
    }));

  r.post('/c/:communityId/members/sync', ...guard, route
    .authorize(maySync)
    .transaction((c, t) => requestSync(c.actor, t))
    .handle(async ({ actor, result: cohorts, url }, req, res) => {
      await requestRosterSync(config, cohorts, { trigger: 'manual', userId: actor.userId });
      res.redirect(303, url(`/c/${actor.communityId}/members`, { sync: 'started' }));
    }));

  // Polled by public/js/members.js for the progress indicator.
  r.get('/c/:communityId/members/sync/status', ...guard, route
    .authorize(maySync)
    .handle(async ({ actor, t }, req, res) => {
      const cohorts = await rosterStatus(actor.communityId);
      res.set('Cache-Control', 'no-store').json({
        running: cohorts.some((c) => c.running),
        cohorts: cohorts.map((c) => ({
          id: c.cohortId,
          state: c.state,
          running: c.running,
          pages: c.pagesRead,
          members: c.membersRead,
          label: t(`members.state.${c.state}`),
          progress: t('members.progress', { pages: c.pagesRead, members: c.membersRead }),
        })),
      });
    }));

  return r;
}
