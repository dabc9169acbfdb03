import { Router, type Request, type Response } from 'express';
import type { Config } from '../config';
import { translator, langFromHeader, type Lang } from '../i18n';
import { notFound } from '../kernel/errors';
import { publicQuery } from './schemas';
import { publicShowcase } from './public';
import { atomFeed } from './feed';

/** ?lang= when given (the page's language links), else the browser's. */
function langOf(req: Request): Lang {
  return publicQuery.parse(req.query).lang ?? langFromHeader(req.headers['accept-language']);
}

/**
 * Headers of every public page: shared caches may keep it but must revalidate (the ETag answers
 * 304 while nothing changed), so an unpublished item is gone on the next request; a showcase
 * that is not indexable says so to search engines.
 */
function publicHeaders(res: Response, indexable: boolean) {
  res.set('Cache-Control', 'public, no-cache');
  res.vary('Accept-Language');
  if (!indexable) res.set('X-Robots-Tag', 'noindex, nofollow');
}

/** The public showcase (/p/:slug) and its Atom feed: no session, nothing unpublished, no member data beyond consented names. */
export function showcasePublicRoutes(config: Config): Router {
  const r = Router();

  r.get('/p/:slug', async (req, res) => {
    const lang = langOf(req);
    const s = await publicShowcase(slugParam(req.params.slug));
    if (!s) throw notFound();
    const t = translator(lang);
    publicHeaders(res, s.indexable);
    const base = `/p/${s.slug}`;
    res.render('showcase/public', { lang, t, title: s.community.title, url: (p: string) => p, showcase: s, atomFeed: `${base}/feed.atom`, noindex: !s.indexable, links: { feed: `${base}/feed.atom`, fr: `${base}?lang=fr`, en: `${base}?lang=en` } });
  });

  r.get('/p/:slug/feed.atom', async (req, res) => {
    const lang = langOf(req);
    const s = await publicShowcase(slugParam(req.params.slug));
    if (!s) throw notFound();
    publicHeaders(res, s.indexable);
    res.type('application/atom+xml; charset=utf-8').send(atomFeed(translator(lang), s, `${config.PUBLIC_URL}/p/${s.slug}`));
  });

  return r;
}

/** A showcase address as typed: letters, digits and hyphens only; anything else is simply not found. */
function slugParam(raw: unknown): string {
  const slug = String(raw).toLowerCase();
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw notFound();
  return slug;
}
