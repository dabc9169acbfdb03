import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { sessionRequired, communityMember } from '../web/session';
import { actorOf } from '../kernel/actor';
import { findTag, tagCloud } from '../content/tags';
import { linkTags, unlinkTag, synonymsFor, tagFamily, tagPairs } from './tag-pairs';
import { forbidden, DomainError } from '../kernel/errors';
import { pageRequest, pagerFromProbe } from '../content/page';
import { searchDocuments } from './search';
import { presentHits } from './presenter';
import { snippetHtml } from './snippet';
import { queryTerms } from './terms';
import { SEARCH_KINDS, type SearchKind } from './model';

/** How many hits the header box offers while typing. */
const SUGGEST_SIZE = 6;

/** Full-text search over the community's discussions, knowledge building, journal and resources, and the tag index. */
export function searchRoutes(config: Config, sequelize: Sequelize): Router {
  const r = Router();
  const guard = [sessionRequired(config), communityMember];

  r.get('/c/:communityId/search', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    const kind = SEARCH_KINDS.includes(req.query.kind as SearchKind) ? (req.query.kind as SearchKind) : null;
    const tagSlug = typeof req.query.tag === 'string' ? req.query.tag : '';
    const tag = await findTag(actor.communityId, tagSlug);
    const page = pageRequest(req.query.page, 20);
    const searched = !!q.trim() || !!tagSlug;
    const unknownTag = !!tagSlug && !tag;
    const synonyms = searched && q.trim() ? await synonymsFor(actor.communityId, q) : new Map<string, string[][]>();
    const { terms, rows } = searched && !unknownTag ? await searchDocuments(sequelize, { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, role: actor.role, q, kind, tagId: tag ? tagFamily(tag) : null, synonyms }, page) : { terms: queryTerms(q), rows: [] };
    const highlight = [...terms, ...[...synonyms.values()].flat(2)];
    const hits = await presentHits(actor, rows.slice(0, page.size), highlight, res.locals.url);
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
      pairs: searched ? [] : await tagPairs(actor.communityId),
      canPair: actor.role === 'facilitator',
    });
  });

  // Search as you type (public/js/search-suggest.js): the first hits as a fragment of options for the header box.
  r.get('/c/:communityId/search/suggest', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    const q = req.query.q;
    if (typeof q !== 'string' || !q.trim() || q.length > 200) throw new DomainError('invalid', 'errors.invalid_input');
    const synonyms = await synonymsFor(actor.communityId, q);
    const { terms, rows } = await searchDocuments(sequelize, { communityId: actor.communityId, userId: actor.userId, q, kind: null, tagId: null, synonyms }, pageRequest(1, SUGGEST_SIZE));
    const highlight = [...terms, ...[...synonyms.values()].flat(2)];
    const hits = (await presentHits(actor, rows.slice(0, SUGGEST_SIZE), highlight, res.locals.url)).map((hit) => ({ ...hit, titleHtml: snippetHtml(hit.title, highlight, 200) }));
    res.set('Cache-Control', 'no-store').render('search/suggest', { hits, tooShort: terms.length === 0, all: res.locals.url(`/c/${actor.communityId}/search`, { q }) });
  });

  // A facilitator links a tag with its counterpart in the other language, or unlinks it.
  r.post('/c/:communityId/tags/pairs', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (actor.role !== 'facilitator') throw forbidden();
    const a = typeof req.body.a === 'string' ? await findTag(actor.communityId, req.body.a) : null;
    const b = typeof req.body.b === 'string' ? await findTag(actor.communityId, req.body.b) : null;
    if (!a || !b || a.id === b.id) throw new DomainError('invalid', 'search.errors.pair');
    await linkTags(actor.communityId, a, b);
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/search`));
  });

  r.post('/c/:communityId/tags/pairs/remove', ...guard, async (req, res) => {
    const actor = actorOf(req.ctx);
    if (actor.role !== 'facilitator') throw forbidden();
    const tag = typeof req.body.tag === 'string' ? await findTag(actor.communityId, req.body.tag) : null;
    if (!tag) throw new DomainError('invalid', 'search.errors.pair');
    await unlinkTag(actor.communityId, tag);
    res.redirect(303, res.locals.url(`/c/${actor.communityId}/search`));
  });

  return r;
}
