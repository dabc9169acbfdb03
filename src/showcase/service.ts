/**
 * Showcase commands. Each writes an activity row in its transaction, which also moves the
 * community's version so the cached public pages are rebuilt on the next request
 * (web/community-cache.ts): unpublishing takes effect at once.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { recordActivity } from '../activity/model';
import { Membership } from '../kernel/community';
import { htmlToText } from '../content/sanitize';
import { notify } from '../notifications/service';
import { who } from '../discussions/posts';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';
import { Showcase, ShowcaseItem, type Consent } from './model';
import { consented } from './policy';
import type { ShowcaseEntry } from './entries';

/** Set the showcase's public address and indexing (a facilitator); an address taken by another community is a 400. */
export async function configureShowcase(actor: Actor, input: { slug: string; indexable: boolean }, transaction: Transaction): Promise<Showcase> {
  const existing = await Showcase.findOne({ where: { communityId: actor.communityId }, transaction });
  try {
    const showcase = existing ? await existing.update(input, { transaction }) : await Showcase.create({ communityId: actor.communityId, ...input }, { transaction });
    await recordActivity({ ...who(actor), verb: 'showcase.configure', subject: { type: 'showcase', id: showcase.id }, data: input }, transaction);
    return showcase;
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new DomainError('invalid', 'showcase.errors.slug_taken');
    throw err;
  }
}

/** Propose a contribution (a facilitator): its author is asked for consent. Proposing twice changes nothing. */
export async function proposeItem(actor: Actor, entry: ShowcaseEntry, transaction: Transaction): Promise<ShowcaseItem> {
  const where = { communityId: actor.communityId, subjectType: entry.type, subjectId: entry.id };
  const found = await ShowcaseItem.findOne({ where, transaction });
  if (found) return found;
  const item = await ShowcaseItem.create({ ...where, authorId: entry.authorId, proposedBy: actor.userId, status: 'proposed' }, { transaction });
  await recordActivity({ ...who(actor), verb: 'showcase.propose', subject: { type: 'showcase_item', id: item.id }, data: { type: entry.type, id: entry.id, authorId: entry.authorId } }, transaction);
  // The author is asked (in the tool, and by e-mail as they chose): nothing is published before they answer.
  const author = await Membership.findOne({ where: { communityId: actor.communityId, userId: entry.authorId }, transaction });
  if (author) {
    const title = entry.title || `${htmlToText(entry.html).slice(0, 60)}…`;
    await notify(transaction, { communityId: actor.communityId, recipients: [author.id], kind: 'showcase.consent', actorMembershipId: actor.membershipId, subject: { type: 'showcase_item', id: item.id }, params: { title }, link: `/c/${actor.communityId}/showcase` });
  }
  return item;
}

/** The author's answer. Declining (or taking consent back) unpublishes a published item at once. */
export async function answerConsent(actor: Actor, item: ShowcaseItem, answer: Consent, transaction: Transaction): Promise<void> {
  const status = answer === 'declined' && item.status === 'published' ? 'unpublished' : item.status;
  await item.update({ consent: answer, consentAt: new Date(), status }, { transaction });
  await recordActivity({ ...who(actor), verb: 'showcase.consent', subject: { type: 'showcase_item', id: item.id }, data: { answer } }, transaction);
}

/** Publish (a facilitator): refused while the author has not consented. */
export async function publishItem(actor: Actor, item: ShowcaseItem, transaction: Transaction): Promise<void> {
  if (!consented(item)) throw new DomainError('conflict', 'showcase.errors.no_consent');
  if (!(await Showcase.count({ where: { communityId: actor.communityId }, transaction }))) throw new DomainError('conflict', 'showcase.errors.not_configured');
  await item.update({ status: 'published', publishedAt: item.publishedAt ?? new Date() }, { transaction });
  await recordActivity({ ...who(actor), verb: 'showcase.publish', subject: { type: 'showcase_item', id: item.id } }, transaction);
}

/** Unpublish (a facilitator): the item leaves the public site and its feed at once. */
export async function unpublishItem(actor: Actor, item: ShowcaseItem, transaction: Transaction): Promise<void> {
  await item.update({ status: 'unpublished' }, { transaction });
  await recordActivity({ ...who(actor), verb: 'showcase.unpublish', subject: { type: 'showcase_item', id: item.id } }, transaction);
}
