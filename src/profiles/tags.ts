import { Op, type Transaction } from 'sequelize';
import { Tag } from '../content/model';
import { ProfileTag, type ProfileTagKind } from './model';
import type { TagView } from '../content/tags';

/** The community's tags for these labels, created when new (the shared tag set of src/content). */
export async function ensureTags(communityId: number, tags: TagView[], transaction: Transaction): Promise<Tag[]> {
  if (tags.length === 0) return [];
  const existing = await Tag.findAll({ where: { communityId, slug: { [Op.in]: tags.map((t) => t.slug) } }, transaction });
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  for (const t of tags) {
    if (!bySlug.has(t.slug)) bySlug.set(t.slug, await Tag.create({ communityId, slug: t.slug, label: t.label }, { transaction }));
  }
  return tags.map((t) => bySlug.get(t.slug)!);
}

/** Replace one kind of a member's profile tags. */
export async function setProfileTags(communityId: number, membershipId: number, kind: ProfileTagKind, tags: TagView[], transaction: Transaction): Promise<void> {
  await ProfileTag.destroy({ where: { membershipId, kind }, transaction });
  const rows = await ensureTags(communityId, tags, transaction);
  if (rows.length) await ProfileTag.bulkCreate(rows.map((tag) => ({ communityId, membershipId, kind, tagId: tag.id })), { transaction });
}

export interface MemberTags {
  expertise: TagView[];
  learning: TagView[];
}

/** Profile tags of many members in one query. */
export async function profileTagsOf(membershipIds: number[], transaction?: Transaction): Promise<Map<number, MemberTags>> {
  const out = new Map<number, MemberTags>();
  if (membershipIds.length === 0) return out;
  const rows = await ProfileTag.findAll({
    where: { membershipId: { [Op.in]: [...new Set(membershipIds)] } },
    include: [{ model: Tag, as: 'tag', attributes: ['slug', 'label'] }],
    order: [['id', 'ASC']],
    transaction,
  });
  for (const r of rows) {
    if (!r.tag) continue;
    const entry = out.get(r.membershipId) ?? { expertise: [], learning: [] };
    entry[r.kind].push({ slug: r.tag.slug, label: r.tag.label });
    out.set(r.membershipId, entry);
  }
  return out;
}

/** Members who declared expertise in any of these tags (problem matching), whatever their visibility: they are told, nobody else learns it. */
export async function expertsIn(communityId: number, tagIds: number[], transaction?: Transaction): Promise<number[]> {
  if (tagIds.length === 0) return [];
  const rows = await ProfileTag.findAll({ where: { communityId, kind: 'expertise', tagId: { [Op.in]: tagIds } }, attributes: ['membershipId'], transaction });
  return [...new Set(rows.map((r) => r.membershipId))];
}
