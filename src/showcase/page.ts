/** The showcase page of a community, as plain data for one viewer: settings and items for facilitators, consent requests for authors. */
import { namesOf } from '../content/people';
import type { Actor } from '../kernel/actor';
import { Showcase, ShowcaseItem } from './model';
import { consented, showcasePolicy } from './policy';
import { candidateRefs, loadEntries, refKey, type ShowcaseEntry } from './entries';

const title = (e: ShowcaseEntry | undefined) => (e ? e.title || null : null);

/** Everything the page shows this viewer. */
export async function showcasePage(actor: Actor) {
  const manage = showcasePolicy.manage(actor);
  const [showcase, items] = await Promise.all([
    Showcase.findOne({ where: { communityId: actor.communityId } }),
    ShowcaseItem.findAll({ where: { communityId: actor.communityId, ...(manage ? {} : { authorId: actor.userId }) }, order: [['id', 'DESC']] }),
  ]);
  const proposed = new Set(items.map((i) => refKey({ type: i.subjectType, id: i.subjectId })));
  const candidates = manage ? (await candidateRefs(actor.communityId)).filter((r) => !proposed.has(refKey(r))) : [];
  const entries = await loadEntries(actor.communityId, [...items.map((i) => ({ type: i.subjectType, id: i.subjectId })), ...candidates]);
  const names = await namesOf([...items.map((i) => i.authorId), ...[...entries.values()].map((e) => e.authorId)]);
  const base = `/c/${actor.communityId}/showcase`;
  return {
    can: { manage },
    settings: showcase ? { slug: showcase.slug, indexable: showcase.indexable, publicPath: `/p/${showcase.slug}` } : null,
    items: items.map((i) => {
      const e = entries.get(refKey({ type: i.subjectType, id: i.subjectId }));
      return {
        id: i.id,
        type: i.subjectType,
        title: title(e),
        cycle: e?.cycle ?? null,
        gone: !e,
        author: names.get(i.authorId) ?? '',
        mine: i.authorId === actor.userId,
        consent: i.consent,
        status: i.status,
        canPublish: manage && i.status !== 'published' && consented(i) && !!showcase && !!e,
        canUnpublish: manage && i.status === 'published',
        canAnswer: showcasePolicy.answer(actor, i),
        actions: { consent: `${base}/items/${i.id}/consent`, publish: `${base}/items/${i.id}/publish`, unpublish: `${base}/items/${i.id}/unpublish` },
      };
    }),
    candidates: candidates.filter((r) => entries.has(refKey(r))).map((r) => {
      const e = entries.get(refKey(r))!;
      return { type: r.type, id: r.id, title: title(e), cycle: e.cycle, author: names.get(e.authorId) ?? '' };
    }),
    actions: { settings: `${base}/settings`, propose: `${base}/items` },
  };
}
