import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { member } from '../web/pipeline';
import { findTag, tagCloud } from '../content/tags';
import { pairTags, unpairTag, synonymsFor, tagFamily, tagPairs, tagsToPair, tagToUnpair } from './tag-pairs';
import { DomainError } from '../kernel/errors';
import { pageRequest, pagerFromProbe } from '../content/page';
import { searchDocuments } from './search';
import { presentHits, searchLinks } from './presenters';
import { snippetHtml } from './snippet';
import { queryTerms } from './terms';
import { SEARCH_KINDS, type SearchKind } from './model';
import { searchPolicy } from './policy';
import { MAX_QUERY, pairForm, suggestQuery, unpairForm } from './schemas';

/** How many hits the header box offers while typing. */
const SUGGEST_SIZE = 6;

/** Refusals keep their own message (not the schema's): the error page says what was wrong. */
const refuse = (message: string) => () => {
  throw new DomainError('invalid', message);
};

/** Full-text search over the community's discussions, knowledge building, journal and resources, and the tag index. */
export function searchRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];
  const route = member(sequelize);

  r.get('/c/:communityId/search', ...guard, route.handle(async ({ actor, t, url }, req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_QUERY) : '';
    const kind = SEARCH_KINDS.includes(req.query.kind as SearchKind) ? (req.query.kind as SearchKind) : null;
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const page = pageRequest(req.query.page, 20);
    const searched = !!q.trim() || !!tagSlug;
    const unknownTag = !!tagSlug && !tag;
    const synonyms = searched && q.trim() ? await synonymsFor(actor.communityId, q) : new Map<string, string[][]>();
    const { terms, rows } = searched && !unknownTag ? await searchDocuments(sequelize, { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, role: actor.role, q, kind, tagId: tag ? tagFamily(tag) : null, synonyms }, page) : { terms: queryTerms(q), rows: [] };
    const highlight = [...terms, ...[...synonyms.values()].flat(2)];
    const hits = await presentHits(actor, rows.slice(0, page.size), highlight, url);
    const links = searchLinks(actor, url, { q, kind });
    res.locals.navCurrent = 'search';
    res.render('search/search', {
      title: t('search.title'),
      q,
      kind,
      kinds: SEARCH_KINDS,
      tag: tag ? { slug: tag.slug, label: tag.label } : null,
      searched,
      tooShort: !!q.trim() && terms.length === 0 && !tag,
      hits,
      pager: pagerFromProbe(page, rows.length),
      pagerBase: { path: `/c/${actor.communityId}/search`, query: { q, kind: kind ?? undefined, tag: tag?.slug } },
      cloud: searched ? [] : (await tagCloud(actor.communityId)).map((tg) => ({ ...tg, href: links.tag(tg.slug) })),
      pairs: searched ? [] : await tagPairs(actor.communityId),
      canPair: searchPolicy.pairTags(actor),
      links,
    });
  }));

  // Search as you type (public/js/search-suggest.js): the first hits as a fragment of options for the header box.
  r.get('/c/:communityId/search/suggest', ...guard, route
    .validate(suggestQuery, { from: 'query', invalid: refuse('errors.invalid_input') })
    .handle(async ({ actor, input: { q }, url }, req, res) => {
      const synonyms = await synonymsFor(actor.communityId, q);
      const { terms, rows } = await searchDocuments(sequelize, { communityId: actor.communityId, userId: actor.userId, q, kind: null, tagId: null, synonyms }, pageRequest(1, SUGGEST_SIZE));
      const highlight = [...terms, ...[...synonyms.values()].flat(2)];
      const hits = (await presentHits(actor, rows.slice(0, SUGGEST_SIZE), highlight, url)).map((hit) => ({ ...hit, titleHtml: snippetHtml(hit.title, highlight, 200) }));
      res.set('Cache-Control', 'no-store').render('search/suggest', { hits, tooShort: terms.length === 0, all: url(`/c/${actor.communityId}/search`, { q }) });
    }));

  // A facilitator links a tag with its counterpart in the other language, or unlinks it.
  r.post('/c/:communityId/tags/pairs', ...guard, route
    .authorize(searchPolicy.pairTags)
    .validate(pairForm, { invalid: refuse('search.errors.pair') })
    .load((c) => tagsToPair(c.actor, c.input))
    .transaction((c, t) => pairTags(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/search`))));

  r.post('/c/:communityId/tags/pairs/remove', ...guard, route
    .authorize(searchPolicy.pairTags)
    .validate(unpairForm, { invalid: refuse('search.errors.pair') })
    .load((c) => tagToUnpair(c.actor, c.input.tag))
    .transaction((c, t) => unpairTag(c.actor, c.subject, t))
    .handle((c, req, res) => res.redirect(303, c.url(`/c/${c.actor.communityId}/search`))));

  return r;
}
