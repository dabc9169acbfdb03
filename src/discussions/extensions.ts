import type { Transaction } from 'sequelize';
import type { Post, Thread, ThreadKind } from './model';
import type { Actor } from '../kernel/actor';

/**
 * What other features add to threads and posts, registered by them at start (src/features.ts):
 * the search index that follows every post, the subject a thread of another feature's kind is
 * attached to (a resource's comments), the counts shown on each post (value stories). So
 * discussions names none of those features. Registration is by name: registering twice replaces.
 */

/** Keeps a copy of posts elsewhere (the search index): refreshed when a post changes, dropped when it goes. */
export interface PostIndexer {
  index(post: Post, thread: Thread, transaction: Transaction, subjectId: number | null): Promise<void>;
  remove(postId: number, transaction: Transaction): Promise<void>;
}

/**
 * What a thread of a kind is attached to, when another feature owns it (a resource's comment
 * thread): its id, whether the actor may see it (comments are seen only where their subject is),
 * and the page that shows the thread's posts.
 */
export interface ThreadSubject {
  idOf(thread: Thread, transaction?: Transaction): Promise<number | null>;
  visibleTo(actor: Actor, thread: Thread): Promise<boolean>;
  path(thread: Thread): Promise<string>;
}

/** A count another feature keeps on posts (value stories told on each), by post id. */
export type PostCount = (postIds: number[]) => Promise<Map<number, number>>;

const indexers = new Map<string, PostIndexer>();
const subjects = new Map<ThreadKind, ThreadSubject>();
const counts = new Map<string, PostCount>();

export function addPostIndexer(name: string, indexer: PostIndexer): void {
  indexers.set(name, indexer);
}

export function addThreadSubject(kind: ThreadKind, subject: ThreadSubject): void {
  subjects.set(kind, subject);
}

export function addPostCount(name: string, fn: PostCount): void {
  counts.set(name, fn);
}

/** Index a post (or drop it, when deleted or hidden: the indexer decides), with the id of its thread's subject. */
export async function indexPost(post: Post, thread: Thread, transaction: Transaction, subjectId: number | null = null): Promise<void> {
  for (const ix of indexers.values()) await ix.index(post, thread, transaction, subjectId);
}

export async function unindexPost(postId: number, transaction: Transaction): Promise<void> {
  for (const ix of indexers.values()) await ix.remove(postId, transaction);
}

/** Kinds of thread that exist only attached to another feature's subject (a resource's comments). */
export const ATTACHED_KINDS: readonly ThreadKind[] = ['resource'];

/** The subject a thread of this kind is attached to, if another feature registered one. */
export function threadSubject(kind: ThreadKind): ThreadSubject | undefined {
  return subjects.get(kind);
}

/** One registered count for these posts (none counted when no feature registered it). */
export async function postCounts(name: string, postIds: number[]): Promise<Map<number, number>> {
  const fn = counts.get(name);
  return fn ? fn(postIds) : new Map();
}
