/**
 * The per-cohort lease that keeps several workers (and the web process, and the CLI) from
 * syncing one cohort at the same time. It lives in the database, not in memory: a worker claims
 * it with one atomic `UPDATE … WHERE lease expired`, renews it while it reads pages, and releases
 * it with its final state. A crashed worker's lease simply expires.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { RosterSync } from './model';

/** How long a claim holds without renewal; a crashed worker's cohort is free again after it. */
export const LEASE_MS = 5 * 60_000;

/** A unique name for this process's claims (host, pid and a random tag; fits the 64-char column). */
export function workerId(label = 'w'): string {
  return `${label}:${os.hostname().slice(0, 24)}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`.slice(0, 64);
}

/** Make sure the cohort has its sync row (INSERT IGNORE: two workers may do this at once). */
export async function ensureSyncRow(cohort: { id: number; communityId: number }, transaction?: Transaction): Promise<void> {
  await RosterSync.bulkCreate([{ cohortId: cohort.id, communityId: cohort.communityId }], { ignoreDuplicates: true, transaction });
}

/**
 * Claim the cohort's lease; true only for the one caller whose UPDATE matched an expired lease.
 * `lastFinished` (the scheduler's claim): the finish time it saw when it found the cohort due;
 * if another worker finished a sync since, the row no longer matches and the sync is not redone.
 * (An equality on the value read back, not a time comparison: MariaDB DATETIME keeps seconds.)
 */
export async function claimLease(cohortId: number, owner: string, lastFinished?: Date | null, now = new Date()): Promise<boolean> {
  const free = { [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: now } }] };
  const unchanged = lastFinished === undefined ? {} : { finishedAt: lastFinished };
  const [n] = await RosterSync.update(
    { leaseOwner: owner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    { where: { cohortId, [Op.and]: [free, unchanged] } },
  );
  return n === 1;
}

/** Extend a lease we hold, with other fields (progress); false when it was lost. */
export async function renewLease(cohortId: number, owner: string, fields: Partial<Pick<RosterSync, 'pagesRead' | 'membersRead'>> = {}): Promise<boolean> {
  const [n] = await RosterSync.update({ ...fields, leaseUntil: new Date(Date.now() + LEASE_MS) }, { where: { cohortId, leaseOwner: owner } });
  return n === 1;
}

/** Write the final state and let go of the lease, only if we still hold it. */
export async function releaseLease(cohortId: number, owner: string, fields: Record<string, unknown> = {}, transaction?: Transaction): Promise<void> {
  await RosterSync.update({ ...fields, leaseOwner: null, leaseUntil: null }, { where: { cohortId, leaseOwner: owner }, transaction });
}
