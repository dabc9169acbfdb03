import { contributes, owns, threadPolicy, type PolicyActor, type ThreadSubject } from '../discussions/policy';

/**
 * Who may do what with practice-journal entries. A private entry is its author's alone
 * (facilitators included), in lists, pages and search.
 */
export const journalPolicy = {
  view: (a: PolicyActor, e: ThreadSubject) => threadPolicy.view(a, e),
  write: (a: PolicyActor) => contributes(a),
  edit: (a: PolicyActor, e: ThreadSubject) => contributes(a) && owns(a, e),
  delete: (a: PolicyActor, e: ThreadSubject) => contributes(a) && owns(a, e),
  comment: (a: PolicyActor, e: ThreadSubject) => contributes(a) && threadPolicy.view(a, e),
};

export type JournalCan = { [K in keyof typeof journalPolicy]: boolean };

export function journalCan(a: PolicyActor, e: ThreadSubject): JournalCan {
  return { view: journalPolicy.view(a, e), write: journalPolicy.write(a), edit: journalPolicy.edit(a, e), delete: journalPolicy.delete(a, e), comment: journalPolicy.comment(a, e) };
}
