/**
 * The public showcase's content: a community's published items whose author consented and whose
 * contribution is still in place. The published list is cached per community until the community
 * changes (every publish, unpublish and consent writes an activity: web/community-cache.ts);
 * authors are checked on every request, so a member who is erased disappears at once.
 */
import { Op } from 'sequelize';
import { Community } from '../kernel/community';
import { User, displayName } from '../users/model';
import { cachedForCommunity } from '../web/community-cache';
import { Showcase, ShowcaseItem, type Consent } from './model';
import { consented } from './policy';
import { loadEntries, refKey, type ShowcaseEntry } from './entries';

export interface PublicItem {
  itemId: number;
  entry: ShowcaseEntry;
  consent: Consent;
  publishedAt: Date;
  /** The author's name, only when they agreed to show it. */
  author: string | null;
}

export interface PublicShowcase {
  slug: string;
  indexable: boolean;
  community: { title: string; purpose: string };
  items: PublicItem[];
  updated: Date | null;
}

/** The showcase at /p/:slug, or null when there is none. */
export async function publicShowcase(slug: string): Promise<PublicShowcase | null> {
  const showcase = await Showcase.findOne({ where: { slug } });
  if (!showcase) return null;
  const cached = await cachedForCommunity(showcase.communityId, 'showcase:public', async () => {
    const [community, rows] = await Promise.all([
      Community.findByPk(showcase.communityId, { attributes: ['id', 'title', 'purpose'] }),
      ShowcaseItem.findAll({ where: { communityId: showcase.communityId, status: 'published', consent: ['named', 'anonymous'] }, order: [['publishedAt', 'DESC'], ['id', 'DESC']] }),
    ]);
    const entries = await loadEntries(showcase.communityId, rows.map((r) => ({ type: r.subjectType, id: r.subjectId })));
    const items = rows.filter((r) => consented(r) && entries.has(refKey({ type: r.subjectType, id: r.subjectId }))).map((r) => ({ itemId: r.id, entry: entries.get(refKey({ type: r.subjectType, id: r.subjectId }))!, consent: r.consent!, publishedAt: r.publishedAt ?? r.updatedAt }));
    return { community: { title: community?.title ?? '', purpose: community?.purpose ?? '' }, items };
  });
  const authors = await User.findAll({ where: { id: { [Op.in]: [...new Set(cached.items.map((i) => i.entry.authorId))] } }, attributes: ['id', 'name', 'givenName', 'familyName', 'erasedAt'] });
  const present = new Map(authors.filter((u) => !u.erasedAt).map((u) => [u.id, u]));
  const items = cached.items
    .filter((i) => present.has(i.entry.authorId))
    .map((i) => ({ ...i, author: i.consent === 'named' ? displayName(present.get(i.entry.authorId)!) : null }));
  return { slug: showcase.slug, indexable: showcase.indexable, community: cached.community, items, updated: items.length ? new Date(Math.max(...items.map((i) => i.publishedAt.getTime()))) : null };
}
