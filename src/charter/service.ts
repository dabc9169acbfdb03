import { UniqueConstraintError, type Transaction } from 'sequelize';
import { CharterVersion, CharterAcknowledgement, type CharterRules } from './model';
import { recordActivity } from '../activity/model';
import { DomainError } from '../kernel/errors';
import type { Actor } from '../kernel/actor';

/** The community's current charter version, or null before the facilitators draft the first one. */
export async function currentCharter(communityId: number, transaction?: Transaction): Promise<CharterVersion | null> {
  return CharterVersion.findOne({ where: { communityId }, order: [['version', 'DESC']], transaction });
}

/**
 * Facilitators draft the first version; afterwards the charter changes only through an adopted
 * amendment (the rule). Two facilitators drafting at once: the unique (community, version)
 * index lets one win and the other gets a clear 409.
 */
export async function draftCharter(actor: Actor, input: { body: string; rules: CharterRules }, transaction: Transaction): Promise<CharterVersion> {
  if (await currentCharter(actor.communityId, transaction)) throw new DomainError('conflict', 'charter.errors.exists');
  try {
    const version = await CharterVersion.create(
      { communityId: actor.communityId, version: 1, body: input.body, rules: input.rules, proposedBy: actor.membershipId, proposalId: null },
      { transaction },
    );
    await recordActivity(
      { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'charter.draft', subject: { type: 'charter_version', id: version.id }, data: { version: 1 } },
      transaction,
    );
    return version;
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new DomainError('conflict', 'charter.errors.exists');
    throw err;
  }
}

/** What adopting an amendment needs of the proposal that carried it (governance's, which builds on the charter). */
export interface AdoptedAmendment {
  id: number;
  communityId: number;
  openedBy: number | null;
  amendment: { body: string; rules: CharterRules } | null;
  /** The charter version the amendment was written against. */
  baseVersion: number | null;
}

/**
 * An adopted amendment becomes the next version, automatically, inside the closing transaction.
 * Returns null when the charter moved on since the amendment was written (another amendment was
 * adopted meanwhile): applying it would silently undo that decision.
 */
export async function adoptAmendment(proposal: AdoptedAmendment, transaction: Transaction): Promise<CharterVersion | null> {
  const current = await currentCharter(proposal.communityId, transaction);
  if (!proposal.amendment || (current?.version ?? 0) !== (proposal.baseVersion ?? 0)) return null;
  const version = await CharterVersion.create(
    {
      communityId: proposal.communityId,
      version: (current?.version ?? 0) + 1,
      body: proposal.amendment.body,
      rules: proposal.amendment.rules,
      proposedBy: proposal.openedBy,
      proposalId: proposal.id,
    },
    { transaction },
  );
  await recordActivity(
    { communityId: proposal.communityId, verb: 'charter.amend', subject: { type: 'charter_version', id: version.id }, data: { version: version.version, proposalId: proposal.id } },
    transaction,
  );
  return version;
}

/** Has this membership acknowledged the current version? (null: there is no charter yet.) */
export async function acknowledgementState(communityId: number, membershipId: number): Promise<{ version: number; acknowledged: boolean } | null> {
  const current = await currentCharter(communityId);
  if (!current) return null;
  const ack = await CharterAcknowledgement.findOne({ where: { membershipId, charterVersionId: current.id }, attributes: ['id'] });
  return { version: current.version, acknowledged: Boolean(ack) };
}

/**
 * Acknowledge the version the member read. If the charter changed in between, refuse (409):
 * the member must read the new text first. Acknowledging twice is harmless.
 */
export async function acknowledgeCharter(actor: Actor, version: number, transaction: Transaction): Promise<{ created: boolean }> {
  const current = await currentCharter(actor.communityId, transaction);
  if (!current) throw new DomainError('not_found', 'charter.errors.none');
  if (current.version !== version) throw new DomainError('conflict', 'charter.errors.changed');
  const existing = await CharterAcknowledgement.findOne({ where: { membershipId: actor.membershipId, charterVersionId: current.id }, transaction });
  if (existing) return { created: false };
  try {
    await CharterAcknowledgement.create({ communityId: actor.communityId, membershipId: actor.membershipId, charterVersionId: current.id }, { transaction });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return { created: false };
    throw err;
  }
  await recordActivity(
    { communityId: actor.communityId, userId: actor.userId, membershipId: actor.membershipId, verb: 'charter.acknowledge', subject: { type: 'charter_version', id: current.id }, data: { version } },
    transaction,
  );
  return { created: true };
}
