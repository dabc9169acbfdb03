/**
 * The resource library seeder: links and video links with a Markdown description, an audience,
 * tags, "I used this" endorsements (a few resources are endorsed by many) and comment threads,
 * each indexed for search as shareResource and indexResource do.
 */
import { Resource, ResourceEndorsement } from '../resources/model';
import { Tagging } from '../content/model';
import { SearchDocument } from '../search/model';
import { documentValues, resourceDocument } from '../search/indexer';
import { renderMarkdown } from '../content/markdown';
import type { Rng } from './random';
import { Authors } from './people';
import { planThread, planReplies, pickTags, type ThreadPlan } from './plan';
import { writeThreads } from './write';
import { postBudget } from './discussions';
import { body, slug, title } from './text';
import { activity, actor, insertRows, type SeedContext, type SeedPerson } from './context';
import type { Lang } from './vocabulary';
import { singleTransaction } from '../db/retry';

const AUDIENCES: Record<Lang, string[]> = {
  fr: ['Personnes nouvellement embauchées', 'Toute l’équipe', 'Animation de la communauté', 'Stagiaires', 'Personnes d’expérience'],
  en: ['New hires', 'The whole team', 'Community facilitators', 'Students on placement', 'Experienced staff'],
};

interface ResourcePlan {
  id: number;
  author: SeedPerson;
  createdAt: Date;
  lang: Lang;
  kind: 'link' | 'video';
  title: string;
  thread: ThreadPlan;
  tags: Array<{ id: number; slug: string }>;
  endorsers: Array<{ person: SeedPerson; at: Date }>;
}

function planResource(ctx: SeedContext, rng: Rng, authors: Authors, id: number): ResourcePlan {
  const createdAt = ctx.timeline.moment(rng);
  const author = authors.pick(rng, createdAt);
  const lang = author.lang;
  const kind = rng.chance(0.25) ? 'video' : 'link';
  const t = title(rng, 'resource', lang, ctx.domain);
  const thread = planThread(rng, { kind: 'resource', title: t, author, createdAt, lang, visibility: 'community', pinned: false, sourceType: null, sourceId: null, resourceId: id, hasOpening: false });
  const endorsers = new Map<number, { person: SeedPerson; at: Date }>();
  // Heavy tail: most resources get a handful of endorsements, a few become the community's classics.
  for (let k = Math.floor(rng.float() ** 3 * 30); k > 0; k--) {
    const at = ctx.timeline.after(rng, createdAt, 24 * 7);
    const who = authors.pick(rng, at);
    if (who !== author && !endorsers.has(who.userId)) endorsers.set(who.userId, { person: who, at });
  }
  const tags = pickTags(ctx, rng, lang);
  return { id, author, createdAt, lang, kind, title: t, thread, tags, endorsers: [...endorsers.values()] };
}

/** Spread comments over resources, the endorsed ones getting more. */
function planComments(ctx: SeedContext, rng: Rng, authors: Authors, plans: ResourcePlan[], comments: number): void {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of plans) cumulative.push((total += 1 + p.endorsers.length));
  const counts = new Array<number>(plans.length).fill(0);
  for (let c = 0; c < comments; c++) {
    const r = rng.float() * total;
    let lo = 0;
    let hi = plans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  plans.forEach((p, i) => planReplies(ctx, rng, authors, p.thread, counts[i], { meanGapHours: 48, nested: 0.1 }));
}

export async function seedResources(ctx: SeedContext): Promise<void> {
  const n = ctx.options.resources;
  if (n === 0) return;
  const rng = ctx.rng.derive('resources');
  const authors = new Authors(ctx.people);
  const first = await singleTransaction(ctx.sequelize, (t) => ctx.ids.reserve(Resource, n, t));
  const plans = Array.from({ length: n }, (_, i) => planResource(ctx, rng, authors, first + i)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  plans.forEach((p, i) => (p.id = p.thread.resourceId = first + i));
  planComments(ctx, rng, authors, plans, postBudget(ctx.options.posts).resources);
  await writeThreads(ctx, 'resource-comments', plans.map((p) => p.thread));
  for (let i = 0; i < plans.length; i += 1000) {
    await singleTransaction(ctx.sequelize, (t) => writeResources(ctx, plans.slice(i, i + 1000), i, t));
  }
  ctx.shared.resources = plans.map((p) => ({ id: p.id, title: p.title, createdAt: p.createdAt }));
}

async function writeResources(ctx: SeedContext, plans: ResourcePlan[], offset: number, t: import('sequelize').Transaction): Promise<void> {
  const resources: Array<Record<string, unknown>> = [];
  const docs: Array<Record<string, unknown>> = [];
  plans.forEach((p, k) => {
    const rng = ctx.rng.derive('resource-text', offset + k);
    const description = body(rng, p.lang, ctx.domain, rng.chance(0.6) ? 'short' : 'medium');
    const rendered = renderMarkdown(description);
    const url = p.kind === 'video' ? `https://video.example.org/watch/${slug(p.title).slice(0, 60)}-${p.id}` : `https://ressources.example.org/${slug(p.title).slice(0, 80)}`;
    const audience = rng.chance(0.4) ? rng.pick(AUDIENCES[p.lang]) : null;
    resources.push({
      id: p.id, communityId: ctx.community.id, authorId: p.author.userId, threadId: p.thread.id, kind: p.kind, title: p.title, url, descriptionMd: description, descriptionHtml: rendered.html,
      textLength: rendered.length, audience, endorsementCount: p.endorsers.length, createdAt: p.createdAt, updatedAt: p.createdAt,
    });
    docs.push({ ...documentValues(resourceDocument({ id: p.id, communityId: ctx.community.id, title: p.title, threadId: p.thread.id }, { text: rendered.text })), createdAt: p.createdAt, updatedAt: p.createdAt });
    activity(ctx, { createdAt: p.createdAt, ...actor(p.author), verb: 'resource.share', subject: { type: 'resource', id: p.id }, data: { kind: p.kind, length: rendered.length, tags: p.tags.map((x) => x.slug) } });
    for (const e of p.endorsers) activity(ctx, { createdAt: e.at, ...actor(e.person), verb: 'resource.endorse', subject: { type: 'resource', id: p.id }, data: { authorId: p.author.userId } });
  });
  await insertRows(ctx, Resource, resources, t);
  await insertRows(ctx, ResourceEndorsement, plans.flatMap((p) => p.endorsers.map((e) => ({ resourceId: p.id, userId: e.person.userId, createdAt: e.at }))), t);
  await insertRows(ctx, Tagging, plans.flatMap((p) => p.tags.map((tag) => ({ communityId: ctx.community.id, tagId: tag.id, subjectType: 'resource', subjectId: p.id, createdAt: p.createdAt }))), t);
  await insertRows(ctx, SearchDocument, docs, t);
}
