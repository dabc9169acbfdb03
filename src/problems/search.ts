import type { Transaction } from 'sequelize';
import { SearchDocument } from '../search/model';
import { indexableText } from '../search/indexer';
import { htmlToText } from '../content/sanitize';
import type { Problem } from './model';

/**
 * The part of a problem its posts do not carry — what was tried, what is needed and what the
 * author finally did — as one search document of kind 'problem' (the context and the leads are
 * posts, indexed by the discussions indexer). Everyone in the community may read a problem, so
 * the document is not private.
 */
export async function indexProblemDetail(problem: Problem, transaction: Transaction): Promise<void> {
  const values = problemDetailDocument(problem);
  const existing = await SearchDocument.findOne({ where: { docKey: values.docKey }, transaction });
  if (existing) await existing.update(values, { transaction });
  else await SearchDocument.create(values, { transaction });
}

/** The values of a problem's own search document (also written in bulk by the seeder). */
export function problemDetailDocument(problem: Pick<Problem, 'id' | 'communityId' | 'threadId' | 'triedHtml' | 'neededHtml' | 'resolutionHtml'>) {
  const body = [problem.triedHtml, problem.neededHtml, problem.resolutionHtml ?? ''].map((h) => htmlToText(h)).join(' ');
  return { communityId: problem.communityId, docKey: `problem:${problem.id}`, kind: 'problem', threadId: problem.threadId, postId: null, resourceId: null, privateTo: null, title: '', body: indexableText(body) };
}
