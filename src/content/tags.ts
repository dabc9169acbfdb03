import { Op, fn, col, type Transaction } from 'sequelize';
import { Tag, Tagging, type TaggableType } from './model';

export const MAX_TAGS = 8;
const TAG_MIN = 2;
const TAG_MAX = 40;

export interface TagView {
  slug: string;
  label: string;
}

/** Accent- and case-folded slug: "Pédagogie différenciée" → "pedagogie-differenciee". */
export function tagSlug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/**
 * Parse a comma-separated tag field into distinct tags, or an error key. Labels keep the
 * member's spelling (accents included); the slug decides whether two labels are one tag.
 */
export function parseTags(input: string | undefined): { tags: TagView[] } | { error: string } {
  const seen = new Map<string, TagView>();
  for (const raw of (input ?? '').split(/[,;\n]/)) {
    const label = raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
    if (!label) continue;
    const slug = tagSlug(label);
    if ([...label].length > TAG_MAX || slug.length < TAG_MIN) return { error: 'content.errors.tag_length' };
    if (!seen.has(slug)) seen.set(slug, { slug, label });
  }
  if (seen.size > MAX_TAGS) return { error: 'content.errors.too_many_tags' };
  return { tags: [...seen.values()] };
}

/** Replace a subject's tags (creating the community's new tags), inside the caller's transaction. */
export async function setTags(
  communityId: number,
  subject: { type: TaggableType; id: number },
  tags: TagView[],
  transaction: Transaction,
): Promise<void> {
  await Tagging.destroy({ where: { subjectType: subject.type, subjectId: subject.id }, transaction });
  if (tags.length === 0) return;
  const existing = await Tag.findAll({ where: { communityId, slug: { [Op.in]: tags.map((t) => t.slug) } }, transaction });
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  for (const t of tags) {
    if (!bySlug.has(t.slug)) bySlug.set(t.slug, await Tag.create({ communityId, slug: t.slug, label: t.label }, { transaction }));
  }
  await Tagging.bulkCreate(
    tags.map((t) => ({ communityId, tagId: bySlug.get(t.slug)!.id, subjectType: subject.type, subjectId: subject.id })),
    { transaction },
  );
}

/** Tags of many subjects in one query (no N+1 on list pages). */
export async function tagsFor(type: TaggableType, ids: number[]): Promise<Map<number, TagView[]>> {
  const out = new Map<number, TagView[]>();
  if (ids.length === 0) return out;
  const rows = await Tagging.findAll({
    where: { subjectType: type, subjectId: { [Op.in]: [...new Set(ids)] } },
    include: [{ model: Tag, as: 'tag', attributes: ['slug', 'label'] }],
    order: [['id', 'ASC']],
  });
  for (const r of rows) {
    if (!r.tag) continue;
    const list = out.get(r.subjectId) ?? [];
    list.push({ slug: r.tag.slug, label: r.tag.label });
    out.set(r.subjectId, list);
  }
  return out;
}

/** A community's tag by slug, or null (tag filters on lists and search). */
export async function findTag(communityId: number, slug: string | undefined): Promise<Tag | null> {
  if (!slug) return null;
  return Tag.findOne({ where: { communityId, slug: tagSlug(slug) } });
}

/** The community's tags with how often each is used, most used first (the tag index). */
export async function tagCloud(communityId: number, limit = 60): Promise<Array<TagView & { count: number }>> {
  const rows = (await Tagging.findAll({
    where: { communityId },
    attributes: ['tagId', [fn('COUNT', col('Tagging.id')), 'n']],
    include: [{ model: Tag, as: 'tag', attributes: ['slug', 'label'] }],
    group: ['tagId', 'tag.id', 'tag.slug', 'tag.label'],
    order: [[fn('COUNT', col('Tagging.id')), 'DESC']],
    limit,
  })) as Array<Tagging & { get: (k: string) => unknown }>;
  return rows.filter((r) => r.tag).map((r) => ({ slug: r.tag!.slug, label: r.tag!.label, count: Number(r.get('n')) }));
}

/** Tags as the comma-separated text of an edit form. */
export function tagsToInput(tags: TagView[]): string {
  return tags.map((t) => t.label).join(', ');
}
