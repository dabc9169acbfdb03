import { Op, type Transaction } from 'sequelize';
import { Tag } from '../content/model';
import { findTag } from '../content/tags';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { queryTerms, words } from './terms';
import { fold } from '../content/fold';

/**
 * Tags in both languages: a facilitator links "Évaluation" and "Assessment", and then a search by
 * either tag finds what carries the other, and a query for one label's word finds the other's.
 */
export async function linkTags(communityId: number, a: Tag, b: Tag, transaction?: Transaction): Promise<void> {
  if (a.communityId !== communityId || b.communityId !== communityId || a.id === b.id) throw new Error('tags of one community, two of them');
  // A tag has one counterpart: earlier partners of either are let go first.
  await Tag.update({ pairId: null }, { where: { communityId, pairId: { [Op.in]: [a.id, b.id] } }, transaction });
  await Tag.update({ pairId: b.id }, { where: { id: a.id }, transaction });
  await Tag.update({ pairId: a.id }, { where: { id: b.id }, transaction });
}

export async function unlinkTag(communityId: number, tag: Tag, transaction?: Transaction): Promise<void> {
  await Tag.update({ pairId: null }, { where: { communityId, [Op.or]: [{ id: tag.id }, { pairId: tag.id }] }, transaction });
}

/** The two tags of the actor's community a facilitator links: two distinct known tags, or the form is refused. */
export async function tagsToPair(actor: Actor, slugs: { a: string; b: string }): Promise<{ a: Tag; b: Tag }> {
  const [a, b] = await Promise.all([findTag(actor.communityId, slugs.a), findTag(actor.communityId, slugs.b)]);
  if (!a || !b || a.id === b.id) throw new DomainError('invalid', 'search.errors.pair');
  return { a, b };
}

/** A facilitator links two tags of the community (the route authorized it with searchPolicy.pairTags). */
export const pairTags = (actor: Actor, pair: { a: Tag; b: Tag }, transaction: Transaction) => linkTags(actor.communityId, pair.a, pair.b, transaction);

/** A facilitator unlinks a tag from its counterpart. */
export const unpairTag = (actor: Actor, tag: Tag, transaction: Transaction) => unlinkTag(actor.communityId, tag, transaction);

/** The known tag of the actor's community whose link is removed, or the form is refused. */
export async function tagToUnpair(actor: Actor, slug: string): Promise<Tag> {
  const tag = await findTag(actor.communityId, slug);
  if (!tag) throw new DomainError('invalid', 'search.errors.pair');
  return tag;
}

/** A tag and its counterpart (the ids a tag filter matches). */
export function tagFamily(tag: Tag): number[] {
  return tag.pairId ? [tag.id, tag.pairId] : [tag.id];
}

/** The community's linked pairs, for the tag index. */
export async function tagPairs(communityId: number): Promise<Array<{ a: { slug: string; label: string }; b: { slug: string; label: string } }>> {
  const linked = await Tag.findAll({ where: { communityId, pairId: { [Op.ne]: null } }, attributes: ['id', 'slug', 'label', 'pairId'], order: [['label', 'ASC']] });
  const byId = new Map(linked.map((t) => [t.id, t]));
  const out: Array<{ a: { slug: string; label: string }; b: { slug: string; label: string } }> = [];
  for (const t of linked) {
    const other = byId.get(t.pairId!);
    if (other && t.id < other.id) out.push({ a: { slug: t.slug, label: t.label }, b: { slug: other.slug, label: other.label } });
  }
  return out;
}

/**
 * Other ways to say a query's words: when a word is a linked tag's whole label, its counterpart's
 * terms. Keyed by the word's search term; each alternative is a list of terms all required.
 */
export async function synonymsFor(communityId: number, q: string): Promise<Map<string, string[][]>> {
  const out = new Map<string, string[][]>();
  const asked = words(q);
  if (asked.length === 0) return out;
  const linked = await Tag.findAll({ where: { communityId, pairId: { [Op.ne]: null } }, attributes: ['id', 'label', 'pairId'] });
  if (linked.length === 0) return out;
  const byId = new Map(linked.map((t) => [t.id, t]));
  for (const w of asked) {
    const tag = linked.find((t) => fold(t.label) === fold(w));
    const other = tag ? byId.get(tag.pairId!) : undefined;
    const [term] = queryTerms(w);
    const alternative = other ? queryTerms(other.label) : [];
    if (term && alternative.length) out.set(term, [...(out.get(term) ?? []), alternative]);
  }
  return out;
}
