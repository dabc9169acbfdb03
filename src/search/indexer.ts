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

interface DocInput {
  communityId: number;
  docKey: string;
  kind: SearchKind;
  threadId?: number | null;
  postId?: number | null;
  resourceId?: number | null;
  privateTo?: number | null;
  title: string;
  bodyHtml: string;
}

/** Insert or update one document, inside the caller's transaction (the FTS index follows: triggers / InnoDB). */
async function putDocument(input: DocInput, transaction: Transaction): Promise<void> {
  const values = {
    communityId: input.communityId,
    docKey: input.docKey,
    kind: input.kind,
    threadId: input.threadId ?? null,
    postId: input.postId ?? null,
    resourceId: input.resourceId ?? null,
    privateTo: input.privateTo ?? null,
    title: indexableText(input.title).slice(0, 255),
    body: indexableText(htmlToText(input.bodyHtml)),
  };
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
  await putDocument(
    {
      communityId: post.communityId,
      docKey: `post:${post.id}`,
      kind: thread.kind,
      threadId: thread.id,
      postId: post.id,
      resourceId,
      privateTo: thread.visibility === 'private' ? thread.authorId : null,
      title: post.id === thread.firstPostId ? thread.title : '',
      bodyHtml: post.bodyHtml,
    },
    transaction,
  );
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
  communityId: number;
  title: string;
  descriptionHtml: string;
  threadId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** Index a resource (title + description); deleted or hidden ones leave the index. */
export async function indexResource(r: IndexableResource, transaction: Transaction): Promise<void> {
  if (r.deletedAt || r.hiddenAt) {
    await SearchDocument.destroy({ where: { resourceId: r.id }, transaction });
    return;
  }
  await putDocument(
    { communityId: r.communityId, docKey: `resource:${r.id}`, kind: 'resource', resourceId: r.id, threadId: r.threadId, title: r.title, bodyHtml: r.descriptionHtml },
    transaction,
  );
}
