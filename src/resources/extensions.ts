import type { Transaction } from 'sequelize';
import type { Resource } from './model';
import type { Actor } from '../kernel/actor';

type Url = (path: string, query?: Record<string, string | number | undefined>) => string;

/**
 * What other features add to resources (a video clip's poster and captions, its player on the
 * resource page; the search index; value stories' counts), registered by them at start: the
 * resource library names no feature. Registration is by name, so registering twice replaces.
 */

/** Files attached to a resource elsewhere, withdrawn with it: their rows go, their keys are returned for removal after commit. */
export type AttachmentWithdrawal = (resourceId: number, transaction: Transaction) => Promise<string[]>;
/** Locals a feature adds to a resource's page (e.g. `video`, `embed`). */
export type PagePart = (actor: Actor, resource: Resource, url: Url) => Promise<Record<string, unknown>>;
/** Keeps a copy of resources elsewhere (the search index) up to date after one changes (deleted or hidden: it leaves). */
export type ResourceIndexer = (resource: Resource, transaction: Transaction) => Promise<void>;
/** A count another feature keeps on resources (value stories told on each), by resource id. */
export type ResourceCount = (resourceIds: number[]) => Promise<Map<number, number>>;

const withdrawals = new Map<string, AttachmentWithdrawal>();
const pageParts = new Map<string, PagePart>();
const indexers = new Map<string, ResourceIndexer>();
const counts = new Map<string, ResourceCount>();

export function onResourceWithdrawn(name: string, fn: AttachmentWithdrawal): void {
  withdrawals.set(name, fn);
}

export function addResourcePagePart(name: string, fn: PagePart): void {
  pageParts.set(name, fn);
}

export function addResourceIndexer(name: string, fn: ResourceIndexer): void {
  indexers.set(name, fn);
}

export function addResourceCount(name: string, fn: ResourceCount): void {
  counts.set(name, fn);
}

/** Refresh a resource wherever it is copied (its search document). */
export async function indexResource(resource: Resource, transaction: Transaction): Promise<void> {
  for (const fn of indexers.values()) await fn(resource, transaction);
}

/** One registered count for these resources (none counted when no feature registered it). */
export async function resourceCounts(name: string, resourceIds: number[]): Promise<Map<number, number>> {
  const fn = counts.get(name);
  return fn ? fn(resourceIds) : new Map();
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
