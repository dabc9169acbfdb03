import type { Transaction } from 'sequelize';
import { SearchDocument, type SearchKind } from './model';
import { htmlToText } from '../content/sanitize';

/**
 * Text as indexed: plain text, whitespace collapsed. Both engines split words at apostrophes
 * (checked: FTS5 unicode61 and InnoDB's parser find "évaluation" in "l'évaluation" and
 * "l’évaluation"), so the text keeps its apostrophes and snippets read as written.
 */
export function indexableText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A document's body: the HTML it was rendered as, or its text when the caller has it already. */
export type DocBody = { html: string } | { text: string };

export interface DocInput {
  communityId: number;
  docKey: string;
  kind: SearchKind;
  threadId?: number | null;
  postId?: number | null;
  resourceId?: number | null;
  privateTo?: number | null;
  title: string;
  body: DocBody;
}

/** A search_documents row's values, as indexed (also written in bulk by the seeder). */
export function documentValues(input: DocInput) {
  return {
    communityId: input.communityId,
    docKey: input.docKey,
    kind: input.kind,
    threadId: input.threadId ?? null,
    postId: input.postId ?? null,
    resourceId: input.resourceId ?? null,
    privateTo: input.privateTo ?? null,
    title: indexableText(input.title).slice(0, 255),
    body: indexableText('html' in input.body ? htmlToText(input.body.html) : input.body.text),
  };
}

/** Insert or update one document, inside the caller's transaction (the FTS index follows: triggers / InnoDB). */
export async function putDocument(input: DocInput, transaction: Transaction): Promise<void> {
  const values = documentValues(input);
  const existing = await SearchDocument.findOne({ where: { docKey: input.docKey }, transaction });
  if (existing) await existing.update(values, { transaction });
  else await SearchDocument.create(values, { transaction });
}

export interface IndexablePost {
  id: number;
  communityId: number;
  threadId: number;
  bodyHtml: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}
export interface IndexableThread {
  id: number;
  kind: SearchKind;
  title: string;
  firstPostId: number | null;
  visibility: 'community' | 'private';
  authorId: number | null;
}

/**
 * Index a post (the thread title goes with the opening post). Deleted and hidden posts leave the
 * index; a private journal entry is indexed for its author only.
 */
export async function indexPost(post: IndexablePost, thread: IndexableThread, transaction: Transaction, resourceId: number | null = null): Promise<void> {
  if (post.deletedAt || post.hiddenAt) return unindexPost(post.id, transaction);
  await putDocument(postDocument(post, thread, resourceId, { html: post.bodyHtml }), transaction);
}

/** A post's document: the thread title goes with the opening post; a private journal entry is for its author only. */
export function postDocument(post: Pick<IndexablePost, 'id' | 'communityId'>, thread: IndexableThread, resourceId: number | null, body: DocBody): DocInput {
  return {
    communityId: post.communityId,
    docKey: `post:${post.id}`,
    kind: thread.kind,
    threadId: thread.id,
    postId: post.id,
    resourceId,
    privateTo: thread.visibility === 'private' ? thread.authorId : null,
    title: post.id === thread.firstPostId ? thread.title : '',
    body,
  };
}

export async function unindexPost(postId: number, transaction: Transaction): Promise<void> {
  await SearchDocument.destroy({ where: { docKey: `post:${postId}` }, transaction });
}

/** After a thread changes title or visibility, or moves posts: refresh its documents. */
export async function reindexThread(thread: IndexableThread, posts: IndexablePost[], transaction: Transaction, resourceId: number | null = null): Promise<void> {
  for (const p of posts) await indexPost(p, thread, transaction, resourceId);
}

export interface IndexableResource {
  id: number;
  kind?: string;
  communityId: number;
  title: string;
  descriptionHtml: string;
  threadId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** Index a resource (title, description, and text other features add: a clip's captions); deleted or hidden ones leave the index. */
export async function indexResource(r: IndexableResource, transaction: Transaction): Promise<void> {
  if (r.deletedAt || r.hiddenAt) {
    await SearchDocument.destroy({ where: { resourceId: r.id }, transaction });
    return;
  }
  const extra = (await Promise.all([...resourceTexts.values()].map((fn) => fn(r, transaction)))).filter(Boolean).join(' ');
  await putDocument(resourceDocument(r, extra ? { text: `${htmlToText(r.descriptionHtml)} ${extra}` } : { html: r.descriptionHtml }), transaction);
}

/** More text of a resource for its search document (a video clip's captions), from the feature that keeps it. */
export type ResourceText = (r: IndexableResource, transaction: Transaction) => Promise<string>;
const resourceTexts = new Map<string, ResourceText>();

/** Register a source of resource text (by name: registering twice replaces). */
export function addResourceText(name: string, fn: ResourceText): void {
  resourceTexts.set(name, fn);
}

/** A resource's document: its title and description. */
export function resourceDocument(r: Pick<IndexableResource, 'id' | 'communityId' | 'title' | 'threadId'>, body: DocBody): DocInput {
  return { communityId: r.communityId, docKey: `resource:${r.id}`, kind: 'resource', resourceId: r.id, threadId: r.threadId, title: r.title, body };
}
