import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import { findTag, tagCloud } from '../content/tags';
import { Cohort } from '../kernel/community';
import { directoryQuery } from './schemas';
import { directoryCards, filterCards, whoCanHelp, DIRECTORY_PAGE_SIZE } from './directory';
import { WEIGHTS } from './ranking';
import { pager } from '../content/page';
import { EXPERIENCES } from '../profiles/model';
import { linkedCard } from '../profiles/presenters';
import { directoryLinks } from './presenters';

/**
 * The member directory (/c/:id/people): profiles and expertise, with filters, and "who can help
 * with …". The roster page (/c/:id/members, src/members) stays the list of memberships and their
 * statuses (facilitators' business); this page is about what people know and do.
 */
export function directoryRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/people', ...guard, member().validate(directoryQuery, { from: 'query' }).handle(async ({ actor, input: q, t, url }, req, res) => {
    const [{ records, cards }, cohorts, tags] = await Promise.all([
      directoryCards(actor.communityId, actor),
      Cohort.findAll({ where: { communityId: actor.communityId }, attributes: ['id', 'contextTitle', 'contextLabel'], order: [['id', 'ASC']] }),
      tagCloud(actor.communityId, 200),
    ]);
    const helpTag = q.help ? await findTag(actor.communityId, q.help) : null;
    const helpers = helpTag ? await whoCanHelp(sequelize, actor.communityId, actor, helpTag, records) : [];
    const filtered = filterCards(cards, q);
    const start = (q.page - 1) * DIRECTORY_PAGE_SIZE;
    const links = directoryLinks(actor.communityId, actor.membershipId, q, url);
    res.locals.navCurrent = 'people';
    res.render('directory/index', {
      title: t('directory.title'),
      query: q,
      help: q.help ? { text: q.help, tag: helpTag ? { slug: helpTag.slug, label: helpTag.label } : null, helpers: helpers.map((h) => ({ ...h, card: linkedCard(h.card, actor.communityId, url), askHref: links.ask(h.card.membershipId) })) } : null,
      weights: WEIGHTS,
      members: filtered.slice(start, start + DIRECTORY_PAGE_SIZE).map((card) => linkedCard(card, actor.communityId, url)),
      total: filtered.length,
      pager: pager({ page: q.page, size: DIRECTORY_PAGE_SIZE, offset: start }, filtered.length),
      pagerBase: links.pagerBase,
      cohorts: cohorts.length > 1 ? cohorts.map((c) => ({ id: c.id, title: c.contextTitle ?? c.contextLabel ?? `#${c.id}` })) : [],
      tags: tags.map((t) => ({ slug: t.slug, label: t.label })),
      experiences: EXPERIENCES,
      myProfileHref: links.myProfile,
      links: { people: links.people, members: links.members, newProblem: links.newProblem },
    });
  }));

  return r;
}
