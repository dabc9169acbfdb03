import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { actorOf } from '../content/actor';
import { findTag, tagCloud } from '../content/tags';
import { pageRequest, pagerFromProbe } from '../content/page';
import { searchDocuments } from './search';
import { presentHits } from './presenter';
import { queryTerms } from './terms';
import { SEARCH_KINDS, type SearchKind } from './model';

/** Full-text search over the community's discussions, knowledge building, journal and resources, and the tag index. */
export function searchRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/search', ...guard, async (req, res) => {
    const actor = actorOf(req);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    const kind = SEARCH_KINDS.includes(req.query.kind as SearchKind) ? (req.query.kind as SearchKind) : null;
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const page = pageRequest(req.query.page, 20);
    const searched = !!q.trim() || !!tagSlug;
    const unknownTag = !!tagSlug && !tag;
    const { terms, rows } = searched && !unknownTag ? await searchDocuments(sequelize, { communityId: actor.communityId, userId: actor.userId, q, kind, tagId: tag?.id ?? null }, page) : { terms: queryTerms(q), rows: [] };
    const hits = await presentHits(actor, rows.slice(0, page.size), terms, res.locals.url);
    res.locals.navCurrent = 'search';
    res.render('search/search', {
      title: req.ctx!.t('search.title'),
      q,
      kind,
      kinds: SEARCH_KINDS,
      tag: tag ? { slug: tag.slug, label: tag.label } : null,
      searched,
      tooShort: !!q.trim() && terms.length === 0 && !tag,
      hits,
      pager: pagerFromProbe(page, rows.length),
      pagerBase: { path: `/c/${actor.communityId}/search`, query: { q, kind: kind ?? undefined, tag: tag?.slug } },
      cloud: searched ? [] : (await tagCloud(actor.communityId)).map((t) => ({ ...t, href: res.locals.url(`/c/${actor.communityId}/search`, { tag: t.slug }) })),
    });
  });

  return r;
}
