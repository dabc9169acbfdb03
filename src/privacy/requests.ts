import fsp from 'node:fs/promises';
import path from 'node:path';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Config } from '../config';
import { Membership } from '../kernel/community';
import { User, displayName } from '../users/model';
import { diskStore } from '../resources/storage';
import { DomainError } from '../kernel/errors';
import { PrivacyApproval, PrivacyRequest, audit, type PrivacyAudit } from './model';
import { eraseUser, type ErasureResult } from './erase';
import { notify } from '../notifications/service';
import { exportPath } from './exports';

/** A member asks for erasure: one confirmation is due from each community where they are active. */
export async function requestErasure(user: User, keepContributions: boolean, transaction: Transaction): Promise<PrivacyRequest> {
  const open = await PrivacyRequest.findOne({ where: { userId: user.id, status: 'pending' }, transaction });
  if (open) throw new DomainError('conflict', 'privacy.errors.already_requested');
  const memberships = await Membership.findAll({ where: { userId: user.id, status: 'active' }, attributes: ['id', 'communityId'], transaction });
  const request = await PrivacyRequest.create({ userId: user.id, kind: 'erasure', keepContributions, status: 'pending' }, { transaction });
  const communities = [...new Set(memberships.map((m) => m.communityId))];
  await PrivacyApproval.bulkCreate(communities.map((communityId) => ({ requestId: request.id, communityId })), { transaction });
  await audit('erasure.requested', 'member', { communities: communities.length, keepContributions }, transaction, request.id);
  for (const m of memberships) await notifyFacilitators(m, request, transaction);
  return request;
}

/** Tell a community's facilitators that a request waits for them (they confirm on "My data"). */
async function notifyFacilitators(member: Membership, request: PrivacyRequest, transaction: Transaction): Promise<void> {
  const facilitators = await Membership.findAll({
    where: { communityId: member.communityId, status: 'active', [Op.or]: [{ roleOverride: 'facilitator' }, { roleOverride: null, role: 'facilitator' }] },
    attributes: ['id'],
    transaction,
  });
  await notify(transaction, {
    communityId: member.communityId,
    recipients: facilitators.map((f) => f.id),
    kind: 'privacy.erasure',
    actorMembershipId: member.id,
    subject: { type: 'privacy_request', id: request.id },
    link: `/c/${member.communityId}/my-data`,
  });
}

/** The member withdraws their pending request. */
export async function cancelErasure(user: User, transaction: Transaction): Promise<void> {
  const open = await PrivacyRequest.findOne({ where: { userId: user.id, status: 'pending' }, transaction });
  if (!open) throw new DomainError('conflict', 'privacy.errors.no_request');
  await open.update({ status: 'cancelled' }, { transaction });
  await audit('erasure.cancelled', 'member', {}, transaction, open.id);
}

/** The member's pending request, if any: their choice and how many confirmations it still waits for. */
export async function pendingRequestOf(userId: number): Promise<{ keep: boolean; waiting: number } | null> {
  const request = await PrivacyRequest.findOne({ where: { userId, status: 'pending' } });
  if (!request) return null;
  const waiting = await PrivacyApproval.count({ where: { requestId: request.id, approvedAt: null } });
  return { keep: request.keepContributions, waiting };
}

/** Requests a community's facilitators still have to confirm, with the member's name (they know them). */
export async function requestsToConfirm(communityId: number): Promise<Array<{ id: number; userId: number; name: string; requestedAt: Date; keepContributions: boolean }>> {
  const approvals = await PrivacyApproval.findAll({
    where: { communityId, approvedAt: null },
    include: [{ model: PrivacyRequest, as: 'request', where: { status: 'pending' } }],
  });
  const requests = approvals.map((a) => (a as PrivacyApproval & { request: PrivacyRequest }).request);
  const users = await User.findAll({ where: { id: { [Op.in]: requests.map((r) => r.userId) } } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return requests.map((r) => ({ id: r.id, userId: r.userId, name: byId.get(r.userId) ? displayName(byId.get(r.userId)!) : '', requestedAt: r.createdAt, keepContributions: r.keepContributions }));
}

/**
 * A facilitator confirms a request for their community. At the last confirmation the erasure
 * runs, in the same transaction; the caller removes the files after commit (`afterErasure`).
 */
export async function confirmErasure(sequelize: Sequelize, actor: Membership, requestId: number, transaction: Transaction): Promise<ErasureResult | null> {
  const approval = await PrivacyApproval.findOne({
    where: { requestId, communityId: actor.communityId, approvedAt: null },
    include: [{ model: PrivacyRequest, as: 'request', where: { status: 'pending' } }],
    transaction,
  });
  if (!approval) throw new DomainError('not_found', 'privacy.errors.no_request');
  const request = (approval as PrivacyApproval & { request: PrivacyRequest }).request;
  if (request.userId === actor.userId) throw new DomainError('forbidden', 'privacy.errors.own_request');
  await approval.update({ approvedBy: actor.id, approvedAt: new Date() }, { transaction });
  await audit('erasure.confirmed', 'facilitator', { communityId: actor.communityId }, transaction, request.id);
  const waiting = await PrivacyApproval.count({ where: { requestId, approvedAt: null }, transaction });
  if (waiting) return null;
  return runErasure(sequelize, request.userId, { keepContributions: request.keepContributions, actor: 'facilitator', request }, transaction);
}

/** Erase now (last confirmation, or an institution administrator through the CLI) and keep an audit line without personal data. */
export async function runErasure(
  sequelize: Sequelize,
  userId: number,
  opts: { keepContributions: boolean; actor: PrivacyAudit['actor']; request?: PrivacyRequest },
  transaction: Transaction,
): Promise<ErasureResult> {
  const result = await eraseUser(sequelize, userId, { keepContributions: opts.keepContributions }, transaction);
  await PrivacyRequest.update({ status: 'done', doneAt: new Date() }, { where: { userId, status: 'pending' }, transaction });
  await audit(
    'erasure.done',
    opts.actor,
    { keepContributions: opts.keepContributions, deleted: result.deleted, removed: result.removed, scrubbed: result.scrubbed, files: result.fileKeys.length },
    transaction,
    opts.request?.id ?? null,
  );
  return result;
}

/**
 * After the erasure has committed: remove the person's uploaded files, and the copies of e-mails
 * written to `${DATA_DIR}/outbox/` (no SMTP server) that name them.
 */
export async function afterErasure(config: Pick<Config, 'DATA_DIR'>, result: ErasureResult): Promise<number> {
  const store = diskStore(config.DATA_DIR);
  for (const key of result.fileKeys) await store.remove(key);
  for (const key of result.exportKeys) await fsp.rm(exportPath(config, key), { force: true });
  const dir = path.resolve(config.DATA_DIR, 'outbox');
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  let removed = result.fileKeys.length;
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await fsp.readFile(file, 'utf8').catch(() => '');
    if (result.identity.some((s) => text.includes(s))) {
      await fsp.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
