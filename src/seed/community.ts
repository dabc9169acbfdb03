/**
 * The community a seed fills: an existing one (its first cohort), or a new one linked to a given
 * course, or — from the command line, without an LMS at hand — to a course of the "seed platform",
 * a platform row no launch can come from (inactive, reserved `.invalid` issuer).
 */
import crypto from 'node:crypto';
import type { Transaction } from 'sequelize';
import { Community, Cohort } from '../kernel/community';
import { Platform, Deployment } from '../kernel/platform';
import { Tag } from '../content/model';
import { COMMUNITY } from './vocabulary';
import { tagLabels } from './text';
import { tagSlug } from '../content/tags';
import { hash32, Rng } from './random';
import { activity, actor, insertRows, type SeedContext, type SeedCourse } from './context';
import { singleTransaction } from '../db/retry';

export const SEED_ISSUER = 'https://seed.coper.invalid';
const SEED_CLIENT_ID = 'coper-seed';
// As communities/service.ts: no 0/O, 1/I/L.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The seed platform and its deployment (created once, reused). */
async function seedPlatformCourse(ctx: SeedContext, communityId: number, t: Transaction): Promise<SeedCourse> {
  const keyHash = crypto.createHash('sha256').update(`${SEED_ISSUER}\n${SEED_CLIENT_ID}`).digest('hex');
  const [platform] = await Platform.findOrCreate({
    where: { keyHash },
    defaults: { keyHash, issuer: SEED_ISSUER, clientId: SEED_CLIENT_ID, name: 'Données générées / Seeded data (no LMS)', kind: 'other', authUrl: `${SEED_ISSUER}/auth`, tokenUrl: `${SEED_ISSUER}/token`, jwksUrl: `${SEED_ISSUER}/jwks`, active: false },
    transaction: t,
  });
  const [deployment] = await Deployment.findOrCreate({ where: { platformId: platform.id, deploymentId: 'seed' }, defaults: { platformId: platform.id, deploymentId: 'seed', status: 'pending' }, transaction: t });
  return { platformId: platform.id, deploymentRowId: deployment.id, contextId: `seed-${ctx.options.seed}-${communityId}`, contextTitle: `Cours généré ${ctx.options.seed} / Seeded course`, contextLabel: `SEED-${ctx.options.seed}` };
}

/** A deterministic invitation code; the community id keeps two runs of one seed apart. */
function inviteCode(seed: number, communityId: number): string {
  const rng = new Rng(hash32(`invite:${seed}:${communityId}`));
  return Array.from({ length: 8 }, () => rng.pick([...ALPHABET])).join('');
}

/** Load or create the community and its cohort: ctx.community is set afterwards. */
export async function openCommunity(ctx: SeedContext): Promise<void> {
  const { options } = ctx;
  await singleTransaction(ctx.sequelize, async (t) => {
    if (options.communityId) {
      const community = await Community.findByPk(options.communityId, { transaction: t });
      const cohort = await Cohort.findOne({ where: { communityId: options.communityId }, order: [['id', 'ASC']], transaction: t });
      if (!community || !cohort) throw new Error(`No community ${options.communityId} with a linked course`);
      ctx.community = { id: community.id, title: community.title, cohortId: cohort.id, platformId: cohort.platformId, createdBy: community.createdBy };
      return;
    }
    const id = await ctx.ids.reserve(Community, 1, t);
    const course = options.course ?? (await seedPlatformCourse(ctx, id, t));
    const lang = 'fr';
    const title = options.title ?? COMMUNITY[ctx.domain].title[lang];
    await insertRows(ctx, Community, [{ id, title, purpose: COMMUNITY[ctx.domain].purpose[lang], inviteCode: inviteCode(options.seed, id), settings: {}, createdBy: null, createdAt: ctx.timeline.start, updatedAt: ctx.timeline.start }], t);
    const cohortId = await ctx.ids.reserve(Cohort, 1, t);
    await insertRows(ctx, Cohort, [{
      id: cohortId, communityId: id, platformId: course.platformId, deploymentId: course.deploymentRowId, contextId: course.contextId, contextTitle: course.contextTitle,
      contextLabel: course.contextLabel ?? null, nrpsUrl: course.nrpsUrl ?? null, agsScopes: [], rosterSyncedAt: course.nrpsUrl ? ctx.timeline.now : null, createdAt: ctx.timeline.start, updatedAt: ctx.timeline.start,
    }], t);
    ctx.community = { id, title, cohortId, platformId: course.platformId, createdBy: null };
  });
}

/** After the people: a new community is created by its first facilitator (community.create, as the setup page records it). */
export async function seedFounder(ctx: SeedContext): Promise<void> {
  if (ctx.community.createdBy !== null || ctx.options.communityId) return;
  const founder = ctx.people.find((p) => p.role === 'facilitator') ?? ctx.people[0];
  await Community.update({ createdBy: founder.userId }, { where: { id: ctx.community.id } });
  ctx.community.createdBy = founder.userId;
  activity(ctx, { createdAt: ctx.timeline.start, ...actor(founder), verb: 'community.create', subject: { type: 'community', id: ctx.community.id } });
}

/** The community's tags, in French and English (existing ones are reused). */
export async function seedTags(ctx: SeedContext): Promise<void> {
  const wanted = (['fr', 'en'] as const).flatMap((lang) => tagLabels(ctx.domain, lang).map((label) => ({ lang, label, slug: tagSlug(label) })));
  await singleTransaction(ctx.sequelize, async (t) => {
    const known = new Set((await Tag.findAll({ where: { communityId: ctx.community.id }, attributes: ['slug'], transaction: t })).map((tag) => tag.slug));
    // "Motivation" is one tag in both languages: one row per slug.
    const fresh = [...new Map(wanted.filter((w) => !known.has(w.slug)).map((w) => [w.slug, w])).values()];
    let id = await ctx.ids.reserve(Tag, fresh.length, t);
    await insertRows(ctx, Tag, fresh.map((w) => ({ id: id++, communityId: ctx.community.id, slug: w.slug, label: w.label, createdAt: ctx.timeline.start, updatedAt: ctx.timeline.start })), t);
  });
  const ids = new Map((await Tag.findAll({ where: { communityId: ctx.community.id }, attributes: ['id', 'slug'] })).map((tag) => [tag.slug, tag.id]));
  ctx.shared.tags = wanted.map((w) => ({ id: ids.get(w.slug)!, slug: w.slug, lang: w.lang }));
}
