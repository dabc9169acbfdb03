import type { Transaction } from 'sequelize';
import type { Resource } from './model';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/**
 * What other features add to resources of their own kinds (a video clip's poster and captions,
 * its player on the resource page), registered by them at start: the resource library names no
 * feature. Registration is by name, so registering twice replaces.
 */

/** Files attached to a resource elsewhere, withdrawn with it: their rows go, their keys are returned for removal after commit. */
export type AttachmentWithdrawal = (resourceId: number, transaction: Transaction) => Promise<string[]>;
/** Locals a feature adds to a resource's page (e.g. `video`, `embed`). */
export type PagePart = (actor: Actor, resource: Resource, url: Url) => Promise<Record<string, unknown>>;

const withdrawals = new Map<string, AttachmentWithdrawal>();
const pageParts = new Map<string, PagePart>();

export function onResourceWithdrawn(name: string, fn: AttachmentWithdrawal): void {
  withdrawals.set(name, fn);
}

export function addResourcePagePart(name: string, fn: PagePart): void {
  pageParts.set(name, fn);
}

/** The stored files of everything attached to a resource that is deleted or erased. */
export async function withdrawAttachments(resourceId: number, transaction: Transaction): Promise<string[]> {
  const keys: string[] = [];
  for (const fn of withdrawals.values()) keys.push(...(await fn(resourceId, transaction)));
  return keys;
}

/** The locals every registered feature adds to a resource's page. */
export async function resourcePageParts(actor: Actor, resource: Resource, url: Url): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const fn of pageParts.values()) Object.assign(out, await fn(actor, resource, url));
  return out;
}
