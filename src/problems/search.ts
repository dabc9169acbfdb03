import type { Transaction } from 'sequelize';
import { putDocument, type DocInput } from '../search/indexer';
import { htmlToText } from '../content/sanitize';
import type { Problem } from './model';

/**
 * The part of a problem its posts do not carry — what was tried, what is needed and what the
 * author finally did — as one search document of kind 'problem' (the context and the leads are
 * posts, indexed by the discussions indexer). Everyone in the community may read a problem, so
 * the document is not private.
 */
export async function indexProblemDetail(problem: Problem, transaction: Transaction): Promise<void> {
  await putDocument(problemDocument(problem), transaction);
}

/** A problem's own document (also written in bulk by the seeder). */
export function problemDocument(problem: Pick<Problem, 'id' | 'communityId' | 'threadId' | 'triedHtml' | 'neededHtml' | 'resolutionHtml'>): DocInput {
  const text = [problem.triedHtml, problem.neededHtml, problem.resolutionHtml ?? ''].map((h) => htmlToText(h)).join(' ');
  return { communityId: problem.communityId, docKey: `problem:${problem.id}`, kind: 'problem', threadId: problem.threadId, title: '', body: { text } };
}
